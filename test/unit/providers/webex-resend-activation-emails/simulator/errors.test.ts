import { ActivationEmailsErrorsResponseSchema } from '../../../../../src/providers/webex-resend-activation-emails/schemas';
import {
  createWebexResendActivationEmailsSimulator,
  type WebexResendActivationEmailsSimulator,
} from '../../../../../src/providers/webex-resend-activation-emails/simulator';
import { nextLinkOf } from '../../../../../src/providers/webex-resend-activation-emails/link-header';
import { startSimulator, type SimulatorServer } from '../../../../../src/simulator';
import { jobsPath, ORG_ID, OTHER_ORG_ID, simulatorCalls } from '../sim-context';

describe('Webex activation email resend simulator: errors and unknown jobs', () => {
  let server: SimulatorServer;
  let sim: WebexResendActivationEmailsSimulator;
  beforeEach(async () => {
    sim = createWebexResendActivationEmailsSimulator({ pollsToComplete: 4 });
    server = await startSimulator({ simulators: [sim] });
  });
  afterEach(async () => {
    await server.close();
  });

  const { startJob, finish } = simulatorCalls(() => server.url);
  const errorsPage = (url: string): Promise<Response> => fetch(url.startsWith('http') ? url : `${server.url}${url}`);

  it('pages errors by max (default 50) with absolute Link next and prev targets', async () => {
    sim.setConfig({
      pollsToComplete: 1,
      orgUsers: 130,
      failUsers: [],
      skipUsers: Array.from({ length: 130 }, (_, i) => i),
    });
    const id = await startJob();
    await finish(id);
    const first = await errorsPage(`${jobsPath()}/${id}/errors`);
    const firstBody = ActivationEmailsErrorsResponseSchema.parse(await first.json());
    const nextUrl = nextLinkOf(first.headers.get('link'), first.url) ?? '';
    const second = await errorsPage(nextUrl);
    expect(firstBody.items.map((i) => i.itemNumber)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(nextUrl.startsWith(`${server.url}/`)).toBe(true);
    expect(second.headers.get('link')).toMatch(/rel="next".*rel="prev"/);
  });

  it('writes origin-relative Link targets when configured', async () => {
    sim.setConfig({ pollsToComplete: 1, orgUsers: 3, failUsers: [0, 1, 2], linkStyle: 'relative' });
    const id = await startJob();
    await finish(id);
    const res = await errorsPage(`${jobsPath()}/${id}/errors?max=2`);
    expect(res.headers.get('link')).toMatch(/^<\/v1\/identity\/.+\?max=2&cursor=[\w-]+>; rel="next"$/);
  });

  it('sends no Link header on the last page', async () => {
    sim.setConfig({ pollsToComplete: 1, orgUsers: 3, failUsers: [0] });
    const id = await startJob();
    await finish(id);
    expect((await errorsPage(`${jobsPath()}/${id}/errors`)).headers.get('link')).toBeNull();
  });

  it('lists an error item like the documented example', async () => {
    sim.setConfig({ pollsToComplete: 1, orgUsers: 1, failUsers: [], skipUsers: [0] });
    const id = await startJob();
    await finish(id);
    const body = ActivationEmailsErrorsResponseSchema.parse(
      await (await errorsPage(`${jobsPath()}/${id}/errors`)).json(),
    );
    expect(body.items).toEqual([
      {
        itemNumber: 1,
        error: {
          key: '304',
          message: [
            {
              description: expect.stringContaining('has already received an invitation email in last 24 hours'),
              code: 'ATLAS-600199',
              locationId: null,
            },
          ],
        },
        trackingId: expect.stringMatching(/^NA_.+_1_1$/),
      },
    ]);
  });

  it.each([
    ['a max of 0', '?max=0'],
    ['a cursor it never issued', '?cursor=bm9wZQ'],
  ])('answers 400 to %s', async (_what, query) => {
    const id = await startJob();
    expect((await errorsPage(`${jobsPath()}/${id}/errors${query}`)).status).toBe(400);
  });

  it.each([
    ['an unknown job', ORG_ID, 'nope'],
    ['a job of another org', OTHER_ORG_ID, undefined],
  ])('answers 404 in the Webex error shape for %s', async (_what, orgId, jobId) => {
    const id = jobId ?? (await startJob());
    const res = await fetch(`${server.url}${jobsPath(orgId)}/${id}/status`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      message: expect.any(String),
      errors: [{ description: expect.any(String) }],
    });
  });
});
