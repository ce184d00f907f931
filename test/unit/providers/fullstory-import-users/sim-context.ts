/** Test harness: the FullStory batch import simulator on port 0 and an operation context talking to it over HTTP. */
import type { PlannedBatch, ProviderJobSnapshot } from '../../../../src/domain/job';
import { createHttpClient } from '../../../../src/http/client';
import {
  createFullStoryImportUsersSimulator,
  type FullStoryImportUsersSimConfig,
  type FullStoryImportUsersSimulator,
} from '../../../../src/providers/fullstory-import-users/simulator';
import { fullstoryImportUsers } from '../../../../src/providers/fullstory-import-users';
import { planImportUsers } from '../../../../src/providers/fullstory-import-users/plan';
import type { FullStoryImportUserInput } from '../../../../src/providers/fullstory-import-users/input';
import type { OperationContext, OperationLogger } from '../../../../src/providers/types';
import { startSimulator, type SimulatorServer } from '../../../../src/simulator';

export const API_KEY = 'test-fullstory-key';
export const FORBIDDEN_KEY = 'forbidden-fullstory-key';
export const BATCH_PATH = '/v2/users/batch';

export interface SimHarness {
  readonly server: SimulatorServer;
  readonly sim: FullStoryImportUsersSimulator;
  readonly ctx: OperationContext;
  /** A context whose API key the simulator knows but refuses (403). */
  readonly forbiddenCtx: OperationContext;
}

/** A logger that records nothing. */
export const silentLog: OperationLogger = { info: () => undefined, warn: () => undefined };

function contextFor(url: string, key: string): OperationContext {
  const http = createHttpClient({ provider: 'fullstory', baseUrl: url, auth: () => `Basic ${key}`, timeoutMs: 2_000 });
  return { http, log: silentLog, authScheme: 'Basic' };
}

/** Starts the simulator with FullStory's Basic API-key auth and returns contexts whose clients target it. */
export async function startHarness(
  config: FullStoryImportUsersSimConfig = { pollsToComplete: 2 },
): Promise<SimHarness> {
  const sim = createFullStoryImportUsersSimulator(config);
  const server = await startSimulator({
    port: 0,
    simulators: [sim],
    auth: { bearerTokens: [API_KEY], forbiddenTokens: [FORBIDDEN_KEY] },
  });
  return { server, sim, ctx: contextFor(server.url, API_KEY), forbiddenCtx: contextFor(server.url, FORBIDDEN_KEY) };
}

/** Users `prefix0`, `prefix1`… with an e-mail each. */
export function users(count: number, prefix = 'user-'): FullStoryImportUserInput[] {
  return Array.from({ length: count }, (_, i) => ({ uid: `${prefix}${i}`, email: `${prefix}${i}@example.com` }));
}

/** The one planned batch of `list`. */
export function batchOf(list: readonly FullStoryImportUserInput[]): PlannedBatch {
  const [batch] = planImportUsers({ users: [...list] });
  if (!batch) throw new Error('no batch planned');
  return batch;
}

/** A batch whose payload carries `requests` as given (bypassing input validation, as a bad plan would). */
export function rawBatch(requests: ReadonlyArray<Record<string, unknown>>): PlannedBatch {
  const refs = requests.map((r, i) => (typeof r['uid'] === 'string' ? r['uid'] : `item-${i}`));
  return { index: 0, key: 'raw', itemRefs: refs, payload: { body: { requests } } };
}

/** Starts `batch` with `key` and returns the FullStory job id. */
export async function startJob(h: SimHarness, batch: PlannedBatch, key = 'wf-1/batch-0'): Promise<string> {
  const outcome = await fullstoryImportUsers.start(h.ctx, batch, { idempotencyKey: key, dryRun: false });
  if (outcome.kind !== 'started') throw new Error(`expected a job, got ${outcome.kind}`);
  return outcome.providerJobId;
}

/** Polls until the job reaches a terminal state. */
export async function pollUntilDone(h: SimHarness, jobId: string, batch: PlannedBatch): Promise<ProviderJobSnapshot> {
  for (let i = 0; i < 20; i += 1) {
    const { snapshot } = await fullstoryImportUsers.poll(h.ctx, jobId, batch);
    if (snapshot.state !== 'running') return snapshot;
  }
  throw new Error('job never finished');
}
