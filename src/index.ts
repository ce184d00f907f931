/**
 * Package entry of bulkflow for other TypeScript services: the typed client and the types it speaks.
 *
 * ```ts
 * import { BulkJobClient } from 'bulkflow';
 * const jobs = await BulkJobClient.connect(); // TEMPORAL_* variables, else the `temporal` profile, else 127.0.0.1:7233
 * ```
 */
export {
  AmbiguousJobKeyError,
  BulkJobClient,
  IdempotencyConflictError,
  ItemsPageOptionsSchema,
  JOB_VIEW_STATES,
  JobClosedError,
  JobListFilterSchema,
  JobNotFoundError,
  RequestValidationError,
  StartJobBodySchema,
  validateBulkJobRequest,
} from './client';
export type {
  ConnectOptions,
  ItemsPage,
  ItemsPageOptions,
  JobInfo,
  JobList,
  JobListFilter,
  JobView,
  JobViewState,
  JobWait,
  KeyCandidate,
  LiveProgress,
  LookupOptions,
  NoWorker,
  PollCheckpoint,
  StartedJob,
  StartOptions,
  ValidatedRequest,
  ValidationIssue,
} from './client';
export { AUDIT_FORMATS, AUDIT_SCHEMA, AuditTimelineSchema, formatTimeline } from './audit';
export { DataKeyNotFoundError, DecryptionError, UnknownMasterKeyError } from './codec';
export type { EncryptionConfig } from './codec';
export { TemporalConnectionRefusedError } from './temporal-connection';
export type { TemporalEndpoint, TemporalFlags } from './temporal-connection';
export type { AuditEntry, AuditEntryKind, AuditFormat, AuditTimeline } from './audit';
export { InvalidRequestError, hasErrorName } from './domain/errors';
export { CALLBACK_TOLERANCE_S, callbackRefusalReason, callbackSecretFor } from './http/callback-signature';
export type { ReceivedCallback } from './http/callback-signature';
export { OPERATION_IDS } from './domain/job';
export type { ListedItem, PendingItem } from './domain/items-page';
export type {
  BulkJobRequest,
  BulkJobResult,
  ItemCounts,
  ItemOutcome,
  JobState,
  OperationId,
  ProviderJobRecord,
  TerminalState,
} from './domain/job';
export type { JobTuning } from './workflows/definitions';
