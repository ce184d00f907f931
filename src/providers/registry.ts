/** Every provider operation bulkflow can run, by operation id. */
import { ConfigError, InvalidRequestError } from '../domain/errors';
import { OPERATION_IDS, type OperationId, type ProviderName } from '../domain/job';
import type { ConnectionAuth } from './auth';
import { fullstoryImportUsers } from './fullstory-import-users';
import { oracleSyncUsers } from './oracle-sync-users';
import type { ProviderOperation } from './types';
import { webexResendActivationEmails } from './webex-resend-activation-emails';
import { webexMoveUsers } from './webex-move-users';
import { zohoInvitePortalUsers } from './zoho-invite-portal-users';

/** Every operation, by id, one entry each: a missing or unknown id is a compile error. */
export const operations = {
  'fullstory.importUsers': fullstoryImportUsers,
  'oracle.syncUsers': oracleSyncUsers,
  'webex.moveUsers': webexMoveUsers,
  'webex.resendActivationEmails': webexResendActivationEmails,
  'zoho.invitePortalUsers': zohoInvitePortalUsers,
} as const satisfies Readonly<Record<OperationId, ProviderOperation>>;

/**
 * The operation for `id`.
 * Thrown when `id` is unknown: InvalidRequestError on field `operation`, listing the supported ones.
 */
export function getOperation(id: string): ProviderOperation {
  if (isOperationId(id)) return operations[id];
  throw new InvalidRequestError(
    'operation',
    `unknown operation ${JSON.stringify(id)} (supported: ${OPERATION_IDS.join(', ')})`,
  );
}

/** How connections of `provider` authenticate, as its operations declare it (they all declare the same). */
export function connectionAuthOf(provider: ProviderName): ConnectionAuth {
  const operation = OPERATION_IDS.map((id) => operations[id]).find((op) => op.provider === provider);
  // PROVIDER_NAMES comes from the operation ids, so every provider has an operation.
  if (!operation) throw new ConfigError('providers', `no operation of provider ${provider}`);
  return operation.auth;
}

/** The ids of the operations that can run. */
export function supportedOperations(): OperationId[] {
  return [...OPERATION_IDS];
}

export function isOperationId(id: string): id is OperationId {
  return (OPERATION_IDS as readonly string[]).includes(id);
}
