import type { z } from 'zod';
import { jobIdOf } from '../../../../src/providers/webex-move-users/operation';
import {
  MoveUsersErrorResponseSchema,
  MoveUsersErrorsResponseSchema,
  MoveUsersJobListSchema,
  MoveUsersJobSchema,
  MoveUsersRequestSchema,
  MoveUsersStartResponseSchema,
  MoveUsersValidateResponseSchema,
} from '../../../../src/providers/webex-move-users/schemas';
import { fixtureNames, loadFixture } from '../../../helpers/fixtures';

const SCHEMAS: Record<string, z.ZodType> = {
  'webex-move-users-request.json': MoveUsersRequestSchema,
  'webex-move-users-validate-200.json': MoveUsersValidateResponseSchema,
  'webex-move-users-start-201.json': MoveUsersStartResponseSchema,
  'webex-move-users-start-400.json': MoveUsersErrorResponseSchema,
  'webex-move-users-status-200.json': MoveUsersJobSchema,
  'webex-move-users-list-200.json': MoveUsersJobListSchema,
  'webex-move-users-errors-200.json': MoveUsersErrorsResponseSchema,
};

describe('Webex Move Users fixtures', () => {
  it('has a schema for every webex-move-users fixture on disk', () => {
    expect(fixtureNames('webex-move-users-')).toEqual(Object.keys(SCHEMAS).sort());
  });

  it.each(Object.entries(SCHEMAS))('parses %s against its schema', (name, schema) => {
    const result = schema.safeParse(loadFixture(name));
    expect(result.error).toBeUndefined();
  });

  it('takes the job id of the documented 201 from response.id', () => {
    const { response } = MoveUsersStartResponseSchema.parse(loadFixture('webex-move-users-start-201'));
    expect(jobIdOf(response)).toBe('Y2lzY29zcGFyazovL3VzL0pPQl9JRC9mZjBlN2Q2Ni05MDRlLTRkZGItYjJlNS05ZGM0ODk0ZDY5OTk');
  });

  it('takes the job id of the SDK-shaped 201 from response.jobDetails.id', () => {
    const job = (loadFixture('webex-move-users-start-201') as { response: unknown }).response;
    const body = { response: { usersList: [{ userId: 'u1', impacts: [], errors: [] }], jobDetails: job } };
    const { response } = MoveUsersStartResponseSchema.parse(body);
    expect(jobIdOf(response)).toBe('Y2lzY29zcGFyazovL3VzL0pPQl9JRC9mZjBlN2Q2Ni05MDRlLTRkZGItYjJlNS05ZGM0ODk0ZDY5OTk');
  });

  it('parses a validate answer shaped as the SDK shows it ({ response: { usersList } })', () => {
    const documented = loadFixture('webex-move-users-validate-200') as { response: unknown };
    const result = MoveUsersValidateResponseSchema.safeParse({ response: { usersList: documented.response } });
    expect(result.success).toBe(true);
  });

  it('keeps the counts inProgress and notStarted of the start example', () => {
    const { response } = MoveUsersStartResponseSchema.parse(loadFixture('webex-move-users-start-201'));
    expect(response).toMatchObject({ counts: { inProgress: 0, notStarted: 0 } });
  });

  it('accepts an undocumented status value instead of rejecting the body', () => {
    const status = { ...(loadFixture('webex-move-users-status-200') as object), latestExecutionStatus: 'STOPPING' };
    expect(MoveUsersJobSchema.parse(status).latestExecutionStatus).toBe('STOPPING');
  });

  it('reads the errors example with its location key and paging object', () => {
    const body = MoveUsersErrorsResponseSchema.parse(loadFixture('webex-move-users-errors-200'));
    expect(body.items[0]?.error.message[0]?.location).toMatch(/^Y2lz/);
    expect(body.paging?.next).toEqual([]);
  });
});
