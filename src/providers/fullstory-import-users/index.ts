/** FullStory batch user import: operation, input, wire schemas, status mapping and simulator. */
export { fullstoryImportUsers } from './operation';
export {
  FullStoryImportUserInputSchema,
  FullStoryImportUsersInputSchema,
  FullStoryPropertiesSchema,
  parseFullStoryImportUsersInput,
  type FullStoryImportUserInput,
  type FullStoryImportUsersInput,
} from './input';
export {
  FULLSTORY_IMPORT_USERS_LIMITS,
  IDEMPOTENCY_HEADER,
  MAX_IN_PROGRESS_BATCHES_PER_ORG,
  MAX_IN_PROGRESS_OPERATIONS_PER_ORG,
  MAX_REQUESTS_PER_BATCH,
  MAX_RUNNING_BATCHES_PER_ORG,
  MAX_USERS_PER_JOB,
} from './limits';
export { FullStoryImportBatchPayloadSchema, planImportUsers, type FullStoryImportBatchPayload } from './plan';
export { mapImportJobStatus, type ImportJobStatusInput } from './status-mapping';
export { itemsFromResults } from './collect-items';
export {
  BatchImportErrorsPageSchema,
  BatchImportImportsPageSchema,
  CreateBatchImportRequestSchema,
  CreateBatchImportResponseSchema,
  FULLSTORY_JOB_STATUSES,
  FullStoryErrorBodySchema,
  JobStatusResponseSchema,
  type BatchImportError,
  type BatchUserImportRequest,
  type CreateBatchImportRequest,
  type ImportedUser,
  type JobStatusResponse,
} from './schemas';
export {
  createFullStoryImportUsersSimulator,
  IMPORT_USERS_CONTROL_PATH,
  type FullStoryImportUsersSimulator,
  type SimImportJobSummary,
} from './simulator';
export { FullStoryImportUsersSimConfigSchema, type FullStoryImportUsersSimConfig } from './simulator-config';
