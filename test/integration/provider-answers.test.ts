/**
 * Answers nobody scripted, end to end on the real dev server with the simulators over HTTP: a row naming a user who
 * was not in the batch, pages that contradict the provider's counts, and status and item answers outside each
 * operation's contract, from its samples (the job fails clearly, once, instead of polling again).
 */
import { OPERATION_IDS } from '../../src/domain/job';
import type { BulkJobResult, OperationId } from '../../src/domain/job';
import { samplesOf } from '../../src/simulator-registry';
import { jobId, moveUsers } from '../helpers/jobs';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

const FAST = { pollIntervalMs: 20 };

/** Each operation's status and item answers outside its contract (its samples' `drift`), each with what is missing. */
const drifts = OPERATION_IDS.flatMap((operation) =>
  (['status', 'items'] as const).map((answer) => {
    const drift = samplesOf(operation).drift[answer];
    const [body, path] = drift.missing;
    return [
      `${operation} ${answer === 'status' ? 'status' : 'item'} answer`,
      path,
      { operation, drift, body },
    ] as const;
  }),
);

describe('provider answers nobody scripted', () => {
  let stack: Stack;

  beforeAll(async () => {
    const each = Object.fromEntries(OPERATION_IDS.map((operation) => [operation, { pollsToComplete: 1 }]));
    stack = await startStack({ name: 'provider-answers', simulators: each });
  });

  afterAll(async () => {
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
  });

  async function run(operation: OperationId, input: unknown): Promise<{ id: string; result: BulkJobResult }> {
    const id = await stack.jobs.start(
      { operation, input },
      { idempotencyKey: jobId('answers'), requestedBy: 'ops@example.test', tuning: FAST },
    );
    return { id, result: await stack.jobs.result(id) };
  }

  const requests = (operation: OperationId, endpoint: string) =>
    stack.sim.log.entries({ endpoint: `${operation}.${endpoint}` });

  const errorsPage = (item: string) => ({
    kind: 'status' as const,
    status: 200,
    body: { items: [{ itemNumber: 9, item, error: { key: '400', message: [{ description: 'no', code: '19605' }] } }] },
  });

  it('keeps a row naming a user not in the batch out of the items: total 1 = 1 succeeded, and a warning', async () => {
    stack.sim.faults.add('webex.moveUsers.errors', errorsPage('someone-else'));
    const { id, result } = await run('webex.moveUsers', { users: moveUsers(1, 'loc-A') });

    expect(result.state).toBe('succeeded');
    expect(result.counts).toEqual({ total: 1, succeeded: 1, failed: 0, skipped: 0, pending: 0 });
    expect(result.items).toEqual([{ ref: 'user-loc-A-0', outcome: 'succeeded' }]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ kind: 'foreignRow', batch: 0, ref: 'someone-else', outcome: 'failed', code: '19605' }),
    ]);
    const audit = await stack.jobs.audit(id);
    expect(audit.warnings).toEqual(result.warnings);
    expect(audit.entries.find((e) => e.kind === 'collected')).toMatchObject({ warnings: 1 });
  });

  it('never reports success over a failure the error pages name, keeping both figures when they contradict the counts', async () => {
    stack.sim.faults.add('webex.moveUsers.errors', errorsPage('user-loc-A-0'));
    const { result } = await run('webex.moveUsers', { users: moveUsers(1, 'loc-A') });

    expect(result.providerJobs[0]?.providerStatus).toBe('COMPLETED/COMPLETED');
    expect(result.state).toBe('failed');
    expect(result.counts).toEqual({ total: 1, succeeded: 0, failed: 1, skipped: 0, pending: 0 });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        kind: 'countsDisagree',
        providerCounts: { total: 1, succeeded: 1, failed: 0, skipped: 0, pending: 0 },
        itemCounts: { total: 1, succeeded: 0, failed: 1, skipped: 0, pending: 0 },
      }),
    ]);
  });

  it("reads every user's page when FullStory's summary counts more users than the batch: each user as its pages say, and a warning", async () => {
    // As FullStory's documented status example does: more imports than the batch held.
    stack.simulator('fullstory.importUsers').setConfig({ pollsToComplete: 1, summaryExtraImports: 35 });
    const users = [{ uid: 'ada' }, { uid: 'FAIL-grace' }, { uid: 'alan' }];
    const { id, result } = await run('fullstory.importUsers', { users });

    expect(result.providerJobs[0]?.providerStatus).toBe('FAILED');
    expect(result.state).toBe('partial');
    expect(result.counts).toEqual({ total: 3, succeeded: 2, failed: 1, skipped: 0, pending: 0 });
    expect(result.items).toEqual([
      { ref: 'ada', outcome: 'succeeded' },
      expect.objectContaining({ ref: 'FAIL-grace', outcome: 'failed' }),
      { ref: 'alan', outcome: 'succeeded' },
    ]);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        kind: 'countsExceedTotal',
        batch: 0,
        providerFigures: { total: 3, succeeded: 37, failed: 1, skipped: 0 },
      }),
    ]);
    expect(requests('fullstory.importUsers', 'errors')).toHaveLength(1);
    expect(requests('fullstory.importUsers', 'imports')).toHaveLength(1);
    expect((await stack.jobs.audit(id)).warnings).toEqual(result.warnings);
  });

  it.each(drifts)(
    '%s outside the contract at %s: the job fails clearly, with one request and no retry',
    async (_name, path, { operation, drift, body }) => {
      stack.sim.faults.add(`${operation}.${drift.endpoint}`, { kind: 'status', status: 200, body }, 1, drift.skip ?? 0);
      const { result } = await run(operation, samplesOf(operation).input);

      expect(result.state).toBe('failed');
      expect(result.error).toEqual({ type: 'ProviderContractError', message: expect.stringContaining(`at ${path}:`) });
      expect(requests(operation, drift.endpoint)).toHaveLength((drift.skip ?? 0) + 1);
    },
  );
});
