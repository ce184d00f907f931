import { ApplicationFailureCategory } from '@temporalio/common';
import type { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../../../src/activities/context';
import { startProviderJob } from '../../../src/activities/start-provider-job';
import type { StartCheckpoint } from '../../../src/activities/start-provider-job';
import type { BusyWait } from '../../../src/activities/start-checkpoint';
import type { StartProviderJobInput, StartProviderJobResult } from '../../../src/activities/types';
import {
  ProviderContractError,
  ProviderRateLimitError,
  ProviderRejectedError,
  ProviderUnavailableError,
  TenantBusyError,
} from '../../../src/domain/errors';
import { loadConfig } from '../../../src/config';
import { activityHarness, fakeDeps, NOW } from '../../helpers/activity-env';
import type { ActivityHarness } from '../../helpers/activity-env';
import { createFakeOperation, fakeBatch } from '../../helpers/fake-operation';
import type { FakeOperation, FakeOperationOptions } from '../../helpers/fake-operation';

const input: StartProviderJobInput = {
  operation: 'webex.moveUsers',
  connection: 'default',
  batch: fakeBatch,
  idempotencyKey: 'wf-1/batch-0',
  dryRun: false,
  scheduledAt: '2025-01-01T11:59:00.000Z',
};

interface Run {
  readonly op: FakeOperation;
  readonly harness: ActivityHarness;
  readonly result: Promise<StartProviderJobResult>;
}

/** Runs one attempt of `startProviderJob` against a fake operation. */
function attempt(
  attemptNumber: number,
  checkpoint: StartCheckpoint | undefined,
  options: FakeOperationOptions = {},
  overrides: Partial<StartProviderJobInput> = {},
): Run {
  const op = createFakeOperation(options);
  const harness = activityHarness({ attempt: attemptNumber, heartbeatDetails: checkpoint });
  const result = harness.env.run<
    [ActivityDeps, StartProviderJobInput],
    StartProviderJobResult,
    typeof startProviderJob
  >(startProviderJob, fakeDeps(op), { ...input, ...overrides });
  return { op, harness, result };
}

async function failureOf(run: Run): Promise<ApplicationFailure> {
  try {
    await run.result;
  } catch (err) {
    return err as ApplicationFailure;
  }
  throw new Error('expected the attempt to fail');
}

const sent = (attemptNumber: number, providerJobId: string): StartCheckpoint => ({
  phase: 'sent',
  attempt: attemptNumber,
  providerJobId,
});
const tooMany = (retryAfterMs?: number): ProviderRateLimitError =>
  new ProviderRateLimitError('webex', retryAfterMs === undefined ? { status: 429 } : { status: 429, retryAfterMs });

describe('startProviderJob: first attempt', () => {
  it('sends once and returns the new job id, not reused', async () => {
    const run = attempt(1, undefined);
    await expect(run.result).resolves.toEqual({
      kind: 'started',
      providerJobId: 'job-1',
      startedAt: new Date(NOW).toISOString(),
      reused: false,
    });
    expect(run.op.calls.start).toHaveLength(1);
  });

  it('checkpoints sending, then sent with the job id', async () => {
    const run = attempt(1, undefined);
    await run.result;
    expect(run.harness.heartbeats).toEqual([
      { phase: 'sending', attempt: 1 },
      { phase: 'sent', attempt: 1, providerJobId: 'job-1' },
    ]);
  });

  it('checkpoints sending before the request goes out', async () => {
    const beforeSend: unknown[][] = [];
    const harness = activityHarness({ attempt: 1 });
    const op = createFakeOperation({ onStart: () => beforeSend.push([...harness.heartbeats]) });
    await harness.env.run(startProviderJob, fakeDeps(op), input);
    expect(beforeSend).toEqual([[{ phase: 'sending', attempt: 1 }]]);
  });

  it('passes the idempotency key and dryRun to the operation', async () => {
    const run = attempt(1, undefined);
    await run.result;
    expect(run.op.calls.start).toEqual([{ idempotencyKey: 'wf-1/batch-0', dryRun: false }]);
  });

  it('does not reconcile on attempt 1', async () => {
    const run = attempt(1, undefined, { reconcile: [{ kind: 'found', providerJobId: 'job-9' }] });
    await run.result;
    expect(run.op.calls.reconcile).toEqual([]);
  });

  it('returns the validated items of a dry run', async () => {
    const items = [{ ref: 'u1', outcome: 'succeeded' as const }];
    const run = attempt(1, undefined, { start: [{ kind: 'validated', items }] }, { dryRun: true });
    await expect(run.result).resolves.toEqual({ kind: 'validated', items, startedAt: new Date(NOW).toISOString() });
  });

  it('keeps a validation result naming no user of the batch as a warning, not an item', async () => {
    const items = [
      { ref: 'u1', outcome: 'succeeded' as const },
      { ref: 'someone-else', outcome: 'failed' as const },
    ];
    const run = attempt(1, undefined, { start: [{ kind: 'validated', items }] }, { dryRun: true });
    const result = await run.result;
    expect(result).toMatchObject({ kind: 'validated', items: [items[0]] });
    expect(result.kind === 'validated' ? result.warnings : undefined).toEqual([
      expect.objectContaining({ kind: 'foreignRow', ref: 'someone-else', batch: 0 }),
    ]);
  });

  it('fails non-retryably when a validation reports one user twice', async () => {
    const items = [
      { ref: 'u1', outcome: 'succeeded' as const },
      { ref: 'u1', outcome: 'failed' as const },
    ];
    const failure = await failureOf(attempt(1, undefined, { start: [{ kind: 'validated', items }] }, { dryRun: true }));
    expect([failure.type, failure.nonRetryable]).toEqual(['ResultInvariantError', true]);
  });
});

describe('startProviderJob: retry with a sent checkpoint', () => {
  it('reuses the checkpointed job id without sending', async () => {
    const run = attempt(2, sent(1, 'job-7'), { reconcile: [{ kind: 'none' }] });
    await expect(run.result).resolves.toMatchObject({ kind: 'started', providerJobId: 'job-7', reused: true });
    expect([run.op.calls.start.length, run.op.calls.reconcile.length]).toEqual([0, 0]);
  });

  it('re-checkpoints the job id as sent under the current attempt', async () => {
    const run = attempt(3, sent(1, 'job-7'));
    await run.result;
    expect(run.harness.heartbeats).toEqual([{ phase: 'sent', attempt: 3, providerJobId: 'job-7' }]);
  });
});

describe('startProviderJob: retry after a definite refusal', () => {
  it('sends again when the previous attempt was not accepted', async () => {
    const run = attempt(
      2,
      { phase: 'notAccepted', attempt: 1 },
      { reconcile: [{ kind: 'found', providerJobId: 'x' }] },
    );
    await expect(run.result).resolves.toMatchObject({ providerJobId: 'job-1', reused: false });
    expect([run.op.calls.start.length, run.op.calls.reconcile.length]).toEqual([1, 0]);
  });

  it('treats a notAccepted checkpoint from an older attempt as unknown and reconciles', async () => {
    const run = attempt(
      3,
      { phase: 'notAccepted', attempt: 1 },
      { reconcile: [{ kind: 'found', providerJobId: 'job-5' }] },
    );
    await expect(run.result).resolves.toMatchObject({ providerJobId: 'job-5', reused: true });
    expect(run.op.calls.start).toEqual([]);
  });
});

describe('startProviderJob: retry with an unknown send state', () => {
  it.each([
    ['no checkpoint', undefined],
    ['a sending checkpoint', { phase: 'sending', attempt: 1 } as const],
  ])('reuses the job reconciliation finds after %s', async (_title, checkpoint) => {
    const run = attempt(2, checkpoint, { reconcile: [{ kind: 'found', providerJobId: 'job-5' }] });
    await expect(run.result).resolves.toMatchObject({ kind: 'started', providerJobId: 'job-5', reused: true });
    expect(run.op.calls.start).toEqual([]);
  });

  it('looks for jobs created since the batch was first scheduled', async () => {
    const run = attempt(2, { phase: 'sending', attempt: 1 }, { reconcile: [{ kind: 'none' }] });
    await run.result;
    expect(run.op.calls.reconcile).toEqual(['2025-01-01T11:59:00.000Z']);
  });

  it('checkpoints a reconciled job id as sent', async () => {
    const run = attempt(
      2,
      { phase: 'sending', attempt: 1 },
      { reconcile: [{ kind: 'found', providerJobId: 'job-5' }] },
    );
    await run.result;
    expect(run.harness.heartbeats).toEqual([{ phase: 'sent', attempt: 2, providerJobId: 'job-5' }]);
  });

  it('logs a warning when reconciliation finds a job', async () => {
    const run = attempt(2, undefined, { reconcile: [{ kind: 'found', providerJobId: 'job-5' }] });
    await run.result;
    const warning = run.harness.logs.entries.find((entry) => entry.level === 'WARN');
    expect(warning).toMatchObject({ meta: { providerJobId: 'job-5' } });
  });

  it('waits a poll interval without sending when reconciliation cannot tell yet', async () => {
    const run = attempt(
      2,
      { phase: 'sending', attempt: 1 },
      { reconcile: [{ kind: 'pending', reason: 'jobs hide records' }] },
    );
    const failure = await failureOf(run);
    expect([failure.type, failure.nonRetryable, failure.category]).toEqual(['JobStillRunning', false, 'BENIGN']);
    expect(failure.nextRetryDelay).toBeDefined();
    expect(run.op.calls.start).toEqual([]);
    expect(run.harness.heartbeats).toEqual([]);
  });

  it('sends when reconciliation finds no job', async () => {
    const run = attempt(2, { phase: 'sending', attempt: 1 }, { reconcile: [{ kind: 'none' }] });
    await expect(run.result).resolves.toMatchObject({ providerJobId: 'job-1', reused: false });
    expect(run.op.calls.start).toHaveLength(1);
  });

  it('fails with a non-retryable AmbiguousStartError naming the candidates when reconciliation is ambiguous', async () => {
    const run = attempt(
      2,
      { phase: 'sending', attempt: 1 },
      {
        reconcile: [{ kind: 'ambiguous', candidates: ['job-a', 'job-b'] }],
      },
    );
    const failure = await failureOf(run);
    expect([failure.type, failure.nonRetryable]).toEqual(['AmbiguousStartError', true]);
    expect(failure.message).toContain('job-a, job-b');
  });

  it('sends nothing when reconciliation is ambiguous', async () => {
    const run = attempt(2, undefined, { reconcile: [{ kind: 'ambiguous', candidates: ['job-a', 'job-b'] }] });
    await failureOf(run);
    expect(run.op.calls.start).toEqual([]);
  });

  it('fails with a non-retryable AmbiguousStartError when the operation can neither reconcile nor start idempotently', async () => {
    const run = attempt(2, { phase: 'sending', attempt: 1 });
    const failure = await failureOf(run);
    expect([failure.type, failure.nonRetryable, run.op.calls.start.length]).toEqual(['AmbiguousStartError', true, 0]);
  });

  it('names the batch to check in the AmbiguousStartError', async () => {
    const failure = await failureOf(attempt(2, undefined));
    expect(failure.details?.[0]).toMatchObject({
      whatToCheck: expect.stringContaining('batch 0 (2 items, key loc-a)'),
    });
  });

  it('sends again with the same idempotency key on an idempotent operation', async () => {
    const run = attempt(2, { phase: 'sending', attempt: 1 }, { idempotentStart: true });
    await expect(run.result).resolves.toMatchObject({ providerJobId: 'job-1', reused: false });
    expect(run.op.calls.start).toEqual([{ idempotencyKey: 'wf-1/batch-0', dryRun: false }]);
  });

  it('stops with AmbiguousStartError when the request sent again is refused for good', async () => {
    // The earlier request may have created the job; the refusal of the re-sent one says nothing about it.
    const refused = new ProviderRejectedError('webex', { status: 418 });
    const run = attempt(2, { phase: 'sending', attempt: 1 }, { idempotentStart: true, start: [refused] });
    const failure = await failureOf(run);
    expect([failure.type, failure.nonRetryable]).toEqual(['AmbiguousStartError', true]);
    expect(failure.message).toMatch(/an earlier request may have been accepted/);
    expect(run.harness.heartbeats.some((h) => (h as StartCheckpoint).phase === 'notAccepted')).toBe(false);
  });

  it('keeps the send state unknown across a throttled re-send', async () => {
    const run = attempt(2, { phase: 'sending', attempt: 1 }, { idempotentStart: true, start: [tooMany(1_000)] });
    const failure = await failureOf(run);
    expect([failure.type, failure.nonRetryable]).toEqual(['ProviderRateLimitError', false]);
    expect(run.harness.heartbeats.at(-1)).toEqual({
      phase: 'notAccepted',
      attempt: 2,
      notBeforeMs: NOW + 1_000,
      uncertain: true,
    });
  });

  it('reads an uncertain refusal of the previous attempt as unknown: a permanent refusal is ambiguous', async () => {
    const refused = new ProviderRejectedError('webex', { status: 400, code: '25008' });
    const checkpoint: StartCheckpoint = { phase: 'notAccepted', attempt: 2, uncertain: true };
    const failure = await failureOf(attempt(3, checkpoint, { idempotentStart: true, start: [refused] }));
    expect(failure.type).toBe('AmbiguousStartError');
  });

  it('reads an uncertain refusal of the previous attempt as unknown: it reconciles before sending', async () => {
    const checkpoint: StartCheckpoint = { phase: 'notAccepted', attempt: 1, uncertain: true };
    const run = attempt(2, checkpoint, { reconcile: [{ kind: 'found', providerJobId: 'job-5' }] });
    await expect(run.result).resolves.toMatchObject({ providerJobId: 'job-5', reused: true });
    expect(run.op.calls.start).toEqual([]);
  });

  it('takes a refusal after reconciliation found no job as definite', async () => {
    const refused = new ProviderRejectedError('webex', { status: 400, code: '25008' });
    const run = attempt(2, { phase: 'sending', attempt: 1 }, { reconcile: [{ kind: 'none' }], start: [refused] });
    const failure = await failureOf(run);
    expect([failure.type, failure.nonRetryable]).toEqual(['ProviderRejectedError', true]);
  });

  it('prefers idempotency over reconciliation', async () => {
    const run = attempt(2, undefined, {
      idempotentStart: true,
      reconcile: [{ kind: 'found', providerJobId: 'job-5' }],
    });
    await run.result;
    expect(run.op.calls.reconcile).toEqual([]);
  });

  it('does not record a 429 from the reconciliation lookup as a refused start', async () => {
    const run = attempt(2, { phase: 'sending', attempt: 1 }, { reconcile: [tooMany(5_000)] });
    await failureOf(run);
    expect(run.harness.heartbeats).toEqual([]);
  });

  it('fails a throttled reconciliation lookup retryably after its Retry-After', async () => {
    const failure = await failureOf(attempt(2, { phase: 'sending', attempt: 1 }, { reconcile: [tooMany(5_000)] }));
    expect([failure.type, failure.nonRetryable, failure.nextRetryDelay]).toEqual([
      'ProviderRateLimitError',
      false,
      5_000,
    ]);
  });
});

describe('startProviderJob: refused or failed start', () => {
  it('checkpoints notAccepted with notBeforeMs = now + Retry-After after a 429', async () => {
    const run = attempt(1, undefined, { start: [tooMany(30_000)] });
    await failureOf(run);
    expect(run.harness.heartbeats.at(-1)).toEqual({ phase: 'notAccepted', attempt: 1, notBeforeMs: NOW + 30_000 });
  });

  it('fails a 429 retryably with nextRetryDelay = Retry-After', async () => {
    const failure = await failureOf(attempt(1, undefined, { start: [tooMany(30_000)] }));
    expect([failure.type, failure.nonRetryable, failure.nextRetryDelay]).toEqual([
      'ProviderRateLimitError',
      false,
      30_000,
    ]);
  });

  it('backs off after a 429 without Retry-After and sets no notBeforeMs', async () => {
    const run = attempt(2, { phase: 'notAccepted', attempt: 1 }, { start: [tooMany()] });
    const failure = await failureOf(run);
    expect(failure.nextRetryDelay).toBe(2_000);
    expect(run.harness.heartbeats.at(-1)).toEqual({ phase: 'notAccepted', attempt: 2 });
  });

  it('checkpoints notAccepted and fails non-retryably on a 400', async () => {
    const run = attempt(1, undefined, { start: [new ProviderRejectedError('webex', { status: 400, code: '25008' })] });
    const failure = await failureOf(run);
    expect([failure.type, failure.nonRetryable]).toEqual(['ProviderRejectedError', true]);
    expect(run.harness.heartbeats.at(-1)).toEqual({ phase: 'notAccepted', attempt: 1 });
  });

  it.each([
    ['a 503', new ProviderUnavailableError('webex', 'HTTP 503', { status: 503 })],
    ['a connection reset', new ProviderUnavailableError('webex', 'connection reset')],
    ['a contract error', new ProviderContractError('webex', 'id', 'missing', { status: 200 })],
  ])('does not record %s on start as notAccepted', async (_title, error) => {
    const run = attempt(1, undefined, { start: [error] });
    await failureOf(run);
    expect(run.harness.heartbeats).toEqual([{ phase: 'sending', attempt: 1 }]);
  });

  it('stops with AmbiguousStartError when the start is answered 2xx with a body it cannot read', async () => {
    const unreadable = new ProviderContractError('webex', '(root)', 'not JSON', { status: 201 });
    const failure = await failureOf(
      attempt(2, { phase: 'sending', attempt: 1 }, { start: [unreadable], idempotentStart: true }),
    );
    expect([failure.type, failure.nonRetryable]).toEqual(['AmbiguousStartError', true]);
    expect(failure.message).toContain('answered HTTP 201');
  });

  it('reads a contract error without a status on start as an unreadable acceptance too', async () => {
    const unreadable = new ProviderContractError('oracle', 'Location', 'no job id in the answer');
    const failure = await failureOf(attempt(1, undefined, { start: [unreadable] }));
    expect([failure.type, failure.nonRetryable]).toEqual(['AmbiguousStartError', true]);
  });

  it('fails a 5xx on start retryably', async () => {
    const failure = await failureOf(
      attempt(1, undefined, { start: [new ProviderUnavailableError('webex', 'HTTP 502', { status: 502 })] }),
    );
    expect([failure.type, failure.nonRetryable]).toEqual(['ProviderUnavailableError', false]);
  });
});

describe('startProviderJob: a tenant busy with a job that is not ours', () => {
  const busy = (runningJobId = 'their-job'): TenantBusyError =>
    new TenantBusyError('webex', { status: 409, providerMessage: 'Conflict' }, runningJobId);
  /** A wait since `sinceMs`, last refused at `lastRefusedMs`. */
  const busyWait = (sinceMs: number, lastRefusedMs = NOW - 1_000): BusyWait => ({
    batch: 0,
    sinceMs,
    lastRefusedMs,
    runningJobId: 'their-job',
  });
  /** The checkpoint of attempt `attemptNumber`, refused while the tenant was busy. */
  const waitingSince = (sinceMs: number, attemptNumber = 1, lastRefusedMs = NOW - 1_000): StartCheckpoint => ({
    phase: 'notAccepted',
    attempt: attemptNumber,
    busy: busyWait(sinceMs, lastRefusedMs),
  });

  it('checkpoints the wait (batch, since when, the job in the way) and asks again after a poll interval', async () => {
    const run = attempt(1, undefined, { start: [busy()] }, { pollIntervalMs: 2_000 });
    const failure = await failureOf(run);
    expect([failure.type, failure.nonRetryable, failure.nextRetryDelay]).toEqual(['TenantBusyError', false, 2_000]);
    expect(failure.message).toContain('another job is running in this org (webex job their-job)');
    expect(run.harness.heartbeats.at(-1)).toEqual(waitingSince(NOW, 1, NOW));
  });

  it('sends again on the next attempt and keeps the time the wait began', async () => {
    const run = attempt(2, waitingSince(NOW - 60_000), { start: [busy()] });
    await failureOf(run);
    expect(run.op.calls.start).toHaveLength(1);
    expect(run.harness.heartbeats.at(-1)).toEqual(waitingSince(NOW - 60_000, 2, NOW));
  });

  it('creates the job once the tenant is free', async () => {
    const run = attempt(2, waitingSince(NOW - 60_000));
    await expect(run.result).resolves.toMatchObject({ kind: 'started', providerJobId: 'job-1', reused: false });
  });

  it('never asks again past the bound: the last delay is what is left of it', async () => {
    const failure = await failureOf(attempt(2, waitingSince(NOW - 30 * 60_000 + 700), { start: [busy()] }));
    expect([failure.type, failure.nextRetryDelay]).toEqual(['TenantBusyError', 700]);
  });

  it('gives up once the bound (30 min by default) is reached, non-retryably, naming the wait and its setting', async () => {
    const failure = await failureOf(attempt(2, waitingSince(NOW - 30 * 60_000), { start: [busy()] }));
    expect([failure.type, failure.nonRetryable]).toEqual(['TenantBusyTimeoutError', true]);
    expect(failure.message).toBe(
      'webex: gave up waiting for the org to be free after 30 min: another job (webex job their-job) is still running ' +
        'there, and BULKFLOW_TENANT_BUSY_WAIT_MS bounds the wait to 30 min',
    );
  });

  it('honours a configured bound', async () => {
    const op = createFakeOperation({ start: [busy()] });
    const harness = activityHarness({ attempt: 2, heartbeatDetails: waitingSince(NOW - 5_000) });
    const deps = fakeDeps(op, {
      config: { ...fakeDeps(op).config, tenantBusyWaitMs: 5_000 },
    });
    await expect(harness.env.run(startProviderJob, deps, input)).rejects.toMatchObject({
      type: 'TenantBusyTimeoutError',
    });
  });

  it('keeps the wait in the checkpoint of a send whose answer may be lost', async () => {
    const run = attempt(2, waitingSince(NOW - 60_000));
    await run.result;
    expect(run.harness.heartbeats[0]).toEqual({
      phase: 'sending',
      attempt: 2,
      busy: busyWait(NOW - 60_000),
    });
  });

  it('reconciles an unknown send from the latest busy refusal, so the job it waited for is never taken for its own', async () => {
    const sending: StartCheckpoint = { phase: 'sending', attempt: 2, busy: busyWait(NOW - 60_000) };
    const run = attempt(3, sending, { reconcile: [{ kind: 'none' }] });
    await run.result;
    expect(run.op.calls.reconcile).toEqual([new Date(NOW - 1_000).toISOString()]);
  });

  it('does not restart the wait when the provider throttles between two busy answers', async () => {
    const run = attempt(2, waitingSince(NOW - 60_000), { start: [tooMany(1_000)] });
    await failureOf(run);
    expect(run.harness.heartbeats.at(-1)).toEqual({
      ...waitingSince(NOW - 60_000, 2),
      notBeforeMs: NOW + 1_000,
    });
  });
});

describe('startProviderJob: open notBefore window', () => {
  const waiting = (notBeforeMs: number): StartCheckpoint => ({ phase: 'notAccepted', attempt: 1, notBeforeMs });

  it('sends no request while the window is open', async () => {
    const run = attempt(2, waiting(NOW + 20_000), { reconcile: [{ kind: 'none' }] });
    await failureOf(run);
    expect([run.op.calls.start.length, run.op.calls.reconcile.length]).toEqual([0, 0]);
  });

  it('fails BENIGN with the rest of the window as nextRetryDelay', async () => {
    const failure = await failureOf(attempt(2, waiting(NOW + 20_000)));
    expect([failure.type, failure.category, failure.nextRetryDelay]).toEqual([
      'JobStillRunning',
      ApplicationFailureCategory.BENIGN,
      20_000,
    ]);
  });

  it('re-checkpoints notAccepted under the current attempt so the next attempt may send', async () => {
    const run = attempt(2, waiting(NOW + 20_000));
    await failureOf(run);
    expect(run.harness.heartbeats).toEqual([{ phase: 'notAccepted', attempt: 2, notBeforeMs: NOW + 20_000 }]);
  });

  it('waits at most maxDelayMs at a time when the window is longer', async () => {
    const failure = await failureOf(attempt(2, waiting(NOW + 3_600_000)));
    expect(failure.nextRetryDelay).toBe(600_000);
  });

  it('sends once the window has passed', async () => {
    const run = attempt(2, waiting(NOW - 1));
    await expect(run.result).resolves.toMatchObject({ providerJobId: 'job-1', reused: false });
  });
});

describe('startProviderJob when the credential cannot be obtained', () => {
  const missingTokenFile = {
    BULKFLOW_WEBEX_BASE_URL: 'http://127.0.0.1:9',
    BULKFLOW_WEBEX_TOKEN_FILE: '/nonexistent/token',
  };

  function withoutCredential(attemptNumber: number, checkpoint: StartCheckpoint | undefined) {
    const op = createFakeOperation();
    const harness = activityHarness({ attempt: attemptNumber, heartbeatDetails: checkpoint });
    const deps = fakeDeps(op, { config: loadConfig(missingTokenFile) });
    const result = harness.env.run(startProviderJob, deps, input);
    return { op, harness, result };
  }

  it('sends nothing and records notAccepted on the first attempt, so a retry may send', async () => {
    const run = withoutCredential(1, undefined);
    const failure = await run.result.then(
      () => undefined,
      (err: unknown) => err as ApplicationFailure,
    );
    expect(failure?.message).toContain('webex connection: tokenFile cannot be read (ENOENT)');
    expect(failure?.nonRetryable).toBe(false);
    expect(run.op.calls.start).toHaveLength(0);
    expect(run.harness.heartbeats).toEqual([{ phase: 'notAccepted', attempt: 1 }]);
  });

  it('keeps the checkpoint of an earlier attempt', async () => {
    const run = withoutCredential(2, { phase: 'notAccepted', attempt: 1 });
    await expect(run.result).rejects.toThrow('tokenFile cannot be read');
    expect(run.harness.heartbeats).toEqual([]);
  });
});
