/**
 * Webex Calling Move Users: the operation the worker runs, and its input type. The simulator lives in `simulator/`
 * and is never exported from here.
 */
export { createWebexMoveUsersOperation, webexMoveUsers, type WebexMoveUsersOptions } from './operation';
export type { WebexMoveUsersInput } from './input';
