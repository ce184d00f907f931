/** Webex Calling Move Users: operation, input, wire schemas, status mapping and simulator. */
export { createWebexMoveUsersOperation, jobIdOf, webexMoveUsers, type WebexMoveUsersOptions } from './operation';
export {
  parseWebexMoveUsersInput,
  WebexMoveUserInputSchema,
  WebexMoveUsersInputSchema,
  type WebexMoveUserInput,
  type WebexMoveUsersInput,
} from './input';
export { MAX_USERS_PER_JOB, MAX_USERS_PER_REQUEST, WEBEX_MOVE_USERS_LIMITS } from './limits';
export { MoveUsersBatchPayloadSchema, planMoveUsers, type MoveUsersBatchPayload } from './plan';
export { mapMoveUsersStatus, type MoveUsersStatusInput } from './status-mapping';
export {
  MOVE_USERS_EXECUTION_STATUSES,
  MOVE_USERS_EXIT_CODES,
  MOVE_USERS_PAUSE_STATUSES,
  MoveUsersErrorResponseSchema,
  MoveUsersErrorsResponseSchema,
  MoveUsersJobListSchema,
  MoveUsersJobSchema,
  MoveUsersRequestSchema,
  MoveUsersStartResponseSchema,
  MoveUsersValidateResponseSchema,
  type MoveUsersJob,
  type MoveUsersRequest,
} from './schemas';
export {
  createWebexMoveUsersSimulator,
  MOVE_USERS_CONTROL_PATH,
  type SimMoveJobSummary,
  type WebexMoveUsersSimulator,
} from './simulator';
export { WebexMoveUsersSimConfigSchema, type WebexMoveUsersSimConfig } from './simulator-config';
