/** Every provider operation bulkflow can run, by operation id. */
import { InvalidRequestError } from '../domain/errors';
import { OPERATION_IDS, type OperationId } from '../domain/job';
import type { ProviderOperation } from './types';
import { webexMoveUsers } from './webex-move-users';

/** The implemented operations. Ids of `OPERATION_IDS` absent here are known but not supported yet. */
export const operations: Partial<Record<OperationId, ProviderOperation>> = {
  'webex.moveUsers': webexMoveUsers,
};

/**
 * The operation for `id`.
 * Thrown when `id` is unknown or not supported yet: InvalidRequestError on field `operation`.
 */
export function getOperation(id: string): ProviderOperation {
  const operation = isOperationId(id) ? operations[id] : undefined;
  if (operation) return operation;
  const supported = Object.keys(operations).join(', ');
  const problem = isOperationId(id) ? `${id} is not supported yet` : `unknown operation ${JSON.stringify(id)}`;
  throw new InvalidRequestError('operation', `${problem} (supported: ${supported})`);
}

/** The ids of the operations that can run. */
export function supportedOperations(): OperationId[] {
  return OPERATION_IDS.filter((id) => operations[id] !== undefined);
}

function isOperationId(id: string): id is OperationId {
  return (OPERATION_IDS as readonly string[]).includes(id);
}
