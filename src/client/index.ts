/** The typed client: start, read, list, control and await bulk jobs; validation of requests at the edge. */
export { BulkJobClient } from './bulk-job-client';
export type { ConnectOptions } from './bulk-job-client';
export {
  AmbiguousJobKeyError,
  IdempotencyConflictError,
  JobClosedError,
  JobNotFoundError,
  NoWorkerError,
  RequestValidationError,
} from './errors';
export type { KeyCandidate, ValidationIssue } from './errors';
export type { LookupOptions } from './job-lookup';
export { ItemsPageOptionsSchema } from './job-reader';
export type { ItemsPage, ItemsPageOptions, JobList } from './job-reader';
export { jobIdFor, tenantTag, tenantTagOf } from '../job-id';
export { IdempotencyKeySchema } from './job-starter';
export type { StartOptions, StartedJob } from './job-starter';
export type { JobInfo, JobView, JobViewState } from './job-view';
export { JOB_VIEW_STATES, JobListFilterSchema } from './list-query';
export { parseRequestedBy } from './requested-by';
export type { JobListFilter } from './list-query';
export type { JobWait, LiveProgress, PollCheckpoint } from './live-progress';
export type { NoWorker } from './worker-presence';
export { locateTemporal } from './temporal-location';
export type { TemporalLocation } from './temporal-location';
export { StartJobBodySchema, validateBulkJobRequest } from './validate-request';
export type { ValidatedRequest } from './validate-request';
