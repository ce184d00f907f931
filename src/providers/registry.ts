/** Every provider operation bulkflow can run, by operation id. */
import { InvalidRequestError } from '../domain/errors';
import { OPERATION_IDS, type OperationId } from '../domain/job';
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

/** The ids of the operations that can run. */
export function supportedOperations(): OperationId[] {
  return [...OPERATION_IDS];
}

function isOperationId(id: string): id is OperationId {
  return (OPERATION_IDS as readonly string[]).includes(id);
}
