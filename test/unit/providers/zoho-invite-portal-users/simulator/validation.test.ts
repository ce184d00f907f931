import {
  createZohoInvitePortalUsersSimulator,
  type ZohoInvitePortalUsersSimulator,
} from '../../../../../src/providers/zoho-invite-portal-users/simulator';
import { PortalInviteStartResponseSchema } from '../../../../../src/providers/zoho-invite-portal-users/schemas';
import { startSimulator, type SimulatorServer } from '../../../../../src/simulator';
import { body, PATH, rec } from '../sim-context';

describe('Zoho portal invite simulator validation', () => {
  let server: SimulatorServer;
  let sim: ZohoInvitePortalUsersSimulator;
  beforeEach(async () => {
    sim = createZohoInvitePortalUsersSimulator({ pollsToComplete: 2 });
    server = await startSimulator({ simulators: [sim] });
  });
  afterEach(async () => {
    await server.close();
  });

  const post = async (payload: unknown, path = PATH): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', body: JSON.stringify(payload) });
    return { status: res.status, json: await res.json() };
  };
  const startJob = async (...records: Array<Record<string, unknown>>): Promise<string> => {
    const { json } = await post(body(...records));
    return PortalInviteStartResponseSchema.parse(json).portal_invite[0]?.details.job_id ?? '';
  };

  it.each([
    ['no portal_invite', {}, 'portal_invite', '$.portal_invite'],
    ['an empty data array', { portal_invite: [{ data: [] }] }, 'data', '$.portal_invite[0].data'],
    [
      'a record without user_type_id',
      body({ id: '1', type: 'invite' }),
      'user_type_id',
      '$.portal_invite[0].data[0].user_type_id',
    ],
    [
      'a record without type',
      body(rec('1'), { id: '2', user_type_id: '3' }),
      'type',
      '$.portal_invite[0].data[1].type',
    ],
  ])('answers 400 MANDATORY_NOT_FOUND for %s', async (_what, payload, apiName, jsonPath) => {
    expect(await post(payload)).toEqual({
      status: 400,
      json: {
        code: 'MANDATORY_NOT_FOUND',
        details: { api_name: apiName, json_path: jsonPath },
        message: expect.any(String),
        status: 'error',
      },
    });
  });

  it('answers 400 INVALID_DATA with expected_data_type for an id that is not digits', async () => {
    const { status: code, json } = await post(body(rec('abc')));
    expect(code).toBe(400);
    expect(json).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'id', expected_data_type: 'bigint' } });
  });

  it('answers 400 INVALID_DATA with the regex for a malformed language', async () => {
    const { json } = await post(body(rec('1', { language: 'english' })));
    expect(json).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'language', regex: expect.any(String) } });
  });

  it('answers 400 INVALID_DATA above a configured maximum of records', async () => {
    sim.setConfig({ maxRecordsPerRequest: 1 });
    const { json } = await post(body(rec('1'), rec('2')));
    expect(json).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'data', maximum_length: 1 } });
  });

  it('accepts ids sent as JSON numbers as well as strings', async () => {
    await startJob(rec('12'), { id: 13, user_type_id: 5, type: 'invite' });
    expect(sim.getJobs()[0]?.recordIds).toEqual(['12', '13']);
  });
});
