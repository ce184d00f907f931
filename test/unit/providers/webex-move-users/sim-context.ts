/** Test harness: the Move Users simulator on port 0 and an operation context talking to it over real HTTP. */
import { createHttpClient } from '../../../../src/http/client';
import type { PlannedBatch } from '../../../../src/domain/job';
import type { OperationContext, OperationLogger } from '../../../../src/providers/types';
import {
  createWebexMoveUsersSimulator,
  type WebexMoveUsersSimConfig,
  type WebexMoveUsersSimulator,
} from '../../../../src/providers/webex-move-users/simulator';
import { planMoveUsers } from '../../../../src/providers/webex-move-users/plan';
import { startSimulator, type SimulatorServer } from '../../../../src/simulator';

export const TOKEN = 'test-token';

export interface SimHarness {
  readonly server: SimulatorServer;
  readonly sim: WebexMoveUsersSimulator;
  readonly ctx: OperationContext;
}

/** A logger that records nothing. */
export const silentLog: OperationLogger = { info: () => undefined, warn: () => undefined };

/** Starts the simulator with bearer auth and returns a context whose client targets it. */
export async function startHarness(config: WebexMoveUsersSimConfig = { pollsToComplete: 2 }): Promise<SimHarness> {
  const sim = createWebexMoveUsersSimulator(config);
  const server = await startSimulator({ port: 0, simulators: [sim], auth: { bearerTokens: [TOKEN] } });
  const http = createHttpClient({
    provider: 'webex',
    baseUrl: server.url,
    auth: () => `Bearer ${TOKEN}`,
    timeoutMs: 2_000,
  });
  return { server, sim, ctx: { http, log: silentLog, authScheme: 'Bearer' } };
}

/** The UUID inside `userId(n)`. */
export function uuidOf(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A Webex-looking user id: base64 (no padding) of `ciscospark://us/PEOPLE/<uuid>`. */
export function userId(n: number): string {
  return Buffer.from(`ciscospark://us/PEOPLE/${uuidOf(n)}`)
    .toString('base64')
    .replace(/=+$/, '');
}

export const LOCATION_A = Buffer.from('ciscospark://us/LOCATION/a').toString('base64').replace(/=+$/, '');
export const LOCATION_B = Buffer.from('ciscospark://us/LOCATION/b').toString('base64').replace(/=+$/, '');

/** One planned batch of `ids` moving to location A. */
export function batchOf(ids: readonly string[], orgId?: string): PlannedBatch {
  const users = ids.map((id) => ({ userId: id, locationId: LOCATION_A, extension: '1234' }));
  const [batch] = planMoveUsers(orgId === undefined ? { users } : { orgId, users });
  if (!batch) throw new Error('no batch planned');
  return batch;
}
