export { AUDIT_SCHEMA, AuditEntrySchema, AuditTimelineSchema } from './timeline';
export { JobWarningSchema } from './job-warning';
export type { JobWarningRecord } from './job-warning';
export type {
  AuditEntry,
  AuditEntryKind,
  AuditError,
  AuditItemFailure,
  AuditProviderJob,
  AuditRequest,
  AuditRun,
  AuditState,
  AuditTimeline,
  AuditUnreadableIssue,
  RunEnd,
} from './timeline';
export { UnreadableHistoryError } from './errors';
export { decodeHistory } from './decode-history';
export { historyFacts } from './history-facts';
export type { HistoryFact } from './history-facts';
export { buildTimeline } from './build-timeline';
export { renderText } from './render-text';
export { renderNdjson } from './render-ndjson';
export { redact } from './redact';
export { AUDIT_FORMATS, formatTimeline, timelineFromHistories } from './format';
export type { AuditFormat } from './format';
