/** Test harness: the portal invite simulator on port 0 and an operation context talking to it over real HTTP. */
import type { PlannedBatch } from '../../../../src/domain/job';
import { createHttpClient } from '../../../../src/http/client';
import type { OperationContext, OperationLogger } from '../../../../src/providers/types';
import {
  createZohoInvitePortalUsersSimulator,
  type ZohoInvitePortalUsersSimConfig,
  type ZohoInvitePortalUsersSimulator,
} from '../../../../src/providers/zoho-invite-portal-users/simulator';
import { planPortalInvites } from '../../../../src/providers/zoho-invite-portal-users/plan';
import type { ZohoInvitePortalUserInput } from '../../../../src/providers/zoho-invite-portal-users/input';
import { startSimulator, type SimulatorServer } from '../../../../src/simulator';

export const TOKEN = 'test-zoho-token';
export const FORBIDDEN_TOKEN = 'token-without-scope';
export const USER_TYPE_ID = '5020928000000523003';

/** The bulk invite path the simulator tests call directly. */
export const PATH = '/crm/v8/Contacts/actions/portal_invite';

/** One wire record of a bulk invite body. */
export const rec = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  user_type_id: USER_TYPE_ID,
  type: 'invite',
  ...extra,
});

/** A bulk invite body with `records`. */
export const body = (...records: Array<Record<string, unknown>>): unknown => ({ portal_invite: [{ data: records }] });

export interface SimHarness {
  readonly server: SimulatorServer;
  readonly sim: ZohoInvitePortalUsersSimulator;
  readonly ctx: OperationContext;
}

/** A logger that records nothing. */
export const silentLog: OperationLogger = { info: () => undefined, warn: () => undefined };

/** Starts the simulator with Zoho auth and returns a context whose client targets it with `token`. */
export async function startHarness(
  config: ZohoInvitePortalUsersSimConfig = { pollsToComplete: 2 },
  token = TOKEN,
): Promise<SimHarness> {
  const sim = createZohoInvitePortalUsersSimulator(config);
  const auth = { bearerTokens: [TOKEN], forbiddenTokens: [FORBIDDEN_TOKEN] };
  const server = await startSimulator({ port: 0, simulators: [sim], auth });
  const http = createHttpClient({
    provider: 'zoho',
    baseUrl: server.url,
    auth: () => `Zoho-oauthtoken ${token}`,
    timeoutMs: 2_000,
  });
  return { server, sim, ctx: { http, log: silentLog, authScheme: 'Zoho-oauthtoken' } };
}

/** A Zoho-looking record id (19 digits, above 2^53) ending in `n`, zero-padded. */
export function recordId(n: number): string {
  return `5020928000002${String(n).padStart(6, '0')}`;
}

/** An invite of `id` (type `invite` unless given). */
export function invite(id: string, type: ZohoInvitePortalUserInput['type'] = 'invite'): ZohoInvitePortalUserInput {
  return { id, userTypeId: USER_TYPE_ID, type };
}

/** The one planned batch of `invites` to Contacts. */
export function batchOf(invites: readonly ZohoInvitePortalUserInput[], module = 'Contacts'): PlannedBatch {
  const [batch] = planPortalInvites({ apiVersion: 'v8', module, invites: [...invites] });
  if (!batch) throw new Error('no batch planned');
  return batch;
}
