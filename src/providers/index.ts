/** Provider operations: the contract, the registry, and each operation. */
export { getOperation, operations, supportedOperations } from './registry';
export type {
  ControlAction,
  OperationContext,
  OperationLimits,
  OperationLogger,
  PollOutcome,
  ProviderOperation,
  ReconcileOutcome,
  StartOptions,
  StartOutcome,
} from './types';
export { createWebexMoveUsersOperation, webexMoveUsers } from './webex-move-users';
