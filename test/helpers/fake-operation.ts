/** An in-process `ProviderOperation` for activity tests: scripted answers, recorded calls, no HTTP. */
import { emptyPollStats } from '../../src/domain/job';
import type { AwaitProviderJobInput } from '../../src/activities/types';
import { z } from 'zod';
import type {
  CollectedResults,
  ItemCounts,
  OperationCapabilities,
  PlannedBatch,
  ProviderJobSnapshot,
} from '../../src/domain/job';
import type {
  PollOutcome,
  ProviderOperation,
  ReconcileOutcome,
  StartOptions,
  StartOutcome,
} from '../../src/providers/types';
import { bearerTokenAuth } from '../../src/providers/auth';

export const FakeInputSchema = z
  .object({
    orgId: z.string().min(1).optional(),
    users: z
      .array(
        z.object({
          userId: z.string().min(1),
          phoneNumber: z
            .string()
            .regex(/^\+\d{6,15}$/, 'expected an E.164 number')
            .optional(),
        }),
      )
      .min(1),
  })
  .strict();
export type FakeInput = z.infer<typeof FakeInputSchema>;

/** One scripted answer: a value to resolve with, or an error to reject with. */
export type Scripted<T> = T | Error;

export interface FakeOperationOptions {
  /** Answers of successive `start` calls; the last one repeats. Default: started `job-1`. */
  readonly start?: ReadonlyArray<Scripted<StartOutcome>>;
  /** Answers of successive `poll` calls; the last one repeats. Default: a running snapshot. */
  readonly poll?: ReadonlyArray<Scripted<PollOutcome>>;
  /** Answer of `collectItems` (default: no items). */
  readonly collect?: Scripted<CollectedResults>;
  /** Answers of successive `reconcileStart` calls. Absent: the operation cannot reconcile. */
  readonly reconcile?: ReadonlyArray<Scripted<ReconcileOutcome>>;
  readonly idempotentStart?: boolean;
  readonly capabilities?: Partial<OperationCapabilities>;
  /** Users per planned batch (default 2). */
  readonly batchSize?: number;
  /** Called as `start` is entered, before its answer (to observe what was checkpointed before the POST). */
  readonly onStart?: () => void;
}

export interface FakeCalls {
  readonly start: StartOptions[];
  readonly poll: string[];
  readonly reconcile: string[];
}

export interface FakeOperation extends ProviderOperation<FakeInput> {
  readonly calls: FakeCalls;
}

export function counts(total: number, succeeded = 0, failed = 0): ItemCounts {
  return { total, succeeded, failed, skipped: 0, pending: total - succeeded - failed };
}

export function runningSnapshot(done = 0, total = 2): ProviderJobSnapshot {
  return { state: 'running', counts: counts(total, done), providerStatus: 'STARTED' };
}

export function succeededSnapshot(total = 2): ProviderJobSnapshot {
  return { state: 'succeeded', counts: counts(total, total), providerStatus: 'COMPLETED' };
}

export const fakeBatch: PlannedBatch = {
  index: 0,
  key: 'loc-a',
  itemRefs: ['u1', 'u2'],
  payload: { users: ['u1', 'u2'] },
};

/** An awaiting activity's input for `fakeBatch`'s provider job `job-1`: 30-minute segment, 5 s poll interval. */
export const fakePollInput: AwaitProviderJobInput = {
  operation: 'webex.moveUsers',
  connection: 'default',
  batch: fakeBatch,
  providerJobId: 'job-1',
  segmentMs: 30 * 60_000,
  pollIntervalMs: 5_000,
  carried: emptyPollStats(),
};

function answer<T>(script: ReadonlyArray<Scripted<T>>, call: number): Promise<T> {
  const value = script[Math.min(call, script.length - 1)];
  if (value === undefined) return Promise.reject(new Error('fake operation: nothing scripted'));
  return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
}

/** A `webex.moveUsers` stand-in whose provider answers come from `options`. */
export function createFakeOperation(options: FakeOperationOptions = {}): FakeOperation {
  const calls: FakeCalls = { start: [], poll: [], reconcile: [] };
  const startScript = options.start ?? [{ kind: 'started', providerJobId: 'job-1' }];
  const pollScript = options.poll ?? [{ snapshot: runningSnapshot() }];
  const batchSize = options.batchSize ?? 2;
  const { reconcile } = options;
  return {
    id: 'webex.moveUsers',
    provider: 'webex',
    auth: bearerTokenAuth,
    inputSchema: FakeInputSchema,
    limits: { maxItemsPerBatch: batchSize, maxConcurrentBatches: 3, pollIntervalMs: 5_000 },
    capabilities: { dryRun: true, pause: false, resume: false, cancel: false, ...options.capabilities },
    idempotentStart: options.idempotentStart ?? false,
    calls,
    tenantOf: (input) => input.orgId,
    plan: (input) => {
      const refs = input.users.map((user) => user.userId);
      return Array.from({ length: Math.ceil(refs.length / batchSize) }, (_, index) => {
        const itemRefs = refs.slice(index * batchSize, (index + 1) * batchSize);
        return { index, key: 'loc-a', itemRefs, payload: { users: itemRefs } };
      });
    },
    start: (_ctx, _batch, startOptions) => {
      calls.start.push(startOptions);
      options.onStart?.();
      return answer(startScript, calls.start.length - 1);
    },
    poll: (_ctx, providerJobId) => {
      calls.poll.push(providerJobId);
      return answer(pollScript, calls.poll.length - 1);
    },
    collectItems: () => answer([options.collect ?? { items: [] }], 0),
    ...(reconcile
      ? {
          reconcileStart: (_ctx: unknown, _batch: PlannedBatch, sinceIso: string) => {
            calls.reconcile.push(sinceIso);
            return answer(reconcile, calls.reconcile.length - 1);
          },
        }
      : {}),
  };
}
