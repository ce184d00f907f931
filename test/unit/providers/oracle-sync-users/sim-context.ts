/** Test harness: the Oracle user-sync simulator on port 0 and operation contexts talking to it over real HTTP. */
import type { PlannedBatch } from '../../../../src/domain/job';
import { createHttpClient } from '../../../../src/http/client';
import {
  createOracleSyncUsersSimulator,
  type OracleSyncUsersSimConfig,
  type OracleSyncUsersSimulator,
} from '../../../../src/providers/oracle-sync-users/simulator';
import { planSyncUsers } from '../../../../src/providers/oracle-sync-users/plan';
import type { OracleSyncUsersInput } from '../../../../src/providers/oracle-sync-users';
import type { OracleUserInput } from '../../../../src/providers/oracle-sync-users/input';
import type { AuthScheme, OperationContext, OperationLogger } from '../../../../src/providers/types';
import { startSimulator, type SimulatorServer } from '../../../../src/simulator';

export const BASIC = Buffer.from('sim-admin:sim-password').toString('base64');
export const TOKEN = 'oracle-oauth-token';

export interface SimHarness {
  readonly server: SimulatorServer;
  readonly sim: OracleSyncUsersSimulator;
  /** Basic auth (v1 paths). */
  readonly ctx: OperationContext;
  /** Bearer auth (v3 paths). */
  readonly bearer: OperationContext;
  readonly warnings: Array<Record<string, unknown>>;
}

/** Starts the simulator with auth and returns contexts whose clients target it. */
export async function startHarness(config: OracleSyncUsersSimConfig = { pollsToComplete: 2 }): Promise<SimHarness> {
  const sim = createOracleSyncUsersSimulator(config);
  const server = await startSimulator({ port: 0, simulators: [sim], auth: { bearerTokens: [BASIC, TOKEN] } });
  const warnings: Array<Record<string, unknown>> = [];
  const log: OperationLogger = { info: () => undefined, warn: (obj) => void warnings.push(obj) };
  const context = (scheme: AuthScheme, credential: string): OperationContext => ({
    http: createHttpClient({
      provider: 'oracle',
      baseUrl: server.url,
      auth: () => `${scheme} ${credential}`,
      timeoutMs: 2_000,
    }),
    log,
    authScheme: scheme,
  });
  return { server, sim, ctx: context('Basic', BASIC), bearer: context('Bearer', TOKEN), warnings };
}

/** A valid user to add or modify. */
export function user(loginId: string, extra: Partial<OracleUserInput> = {}): OracleUserInput {
  return {
    loginId,
    firstName: 'Jim',
    lastName: 'Smith',
    emailAddress: `${loginId.toLowerCase()}@company.example`,
    disabled: false,
    organization: { name: 'sfo', type: 'Company' },
    roles: [{ name: 'PrimaveraUnifierProduction' }],
    userType: 'EMP',
    ...extra,
  };
}

/** The single planned batch of `input`. */
export function batchOf(input: OracleSyncUsersInput): PlannedBatch {
  const [batch] = planSyncUsers(input);
  if (!batch) throw new Error('no batch planned');
  return batch;
}
