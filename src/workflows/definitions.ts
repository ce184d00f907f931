/**
 * The public surface of `bulkJobWorkflow`: input, messages and search attribute keys. Clients import this file,
 * never the workflow body.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type {
  Attachment,
  BatchTally,
  BulkJobRequest,
  ItemCounts,
  JobPlan,
  JobState,
  OperationId,
  PollStats,
  ProviderJobRecord,
  ProviderJobSnapshot,
  ItemOutcome,
  JobWarning,
} from '../domain/job';
import type { ItemsPageRequest, ItemsPageSlice } from '../domain/items-page';

export const WORKFLOW_TYPE = 'bulkJobWorkflow';

export const SEARCH_ATTRIBUTES = {
  operation: defineSearchAttributeKey('BulkOperation', SearchAttributeType.KEYWORD),
  provider: defineSearchAttributeKey('BulkProvider', SearchAttributeType.KEYWORD),
  tenant: defineSearchAttributeKey('BulkTenant', SearchAttributeType.KEYWORD),
  state: defineSearchAttributeKey('BulkState', SearchAttributeType.KEYWORD),
  requestedBy: defineSearchAttributeKey('BulkRequestedBy', SearchAttributeType.KEYWORD),
} as const;

/** Knobs that change timing only; visible in history, so never secret. */
export interface JobTuning {
  /** Poll interval when the provider gives no `Retry-After` (default: the operation's). */
  readonly pollIntervalMs?: number;
  /** Length of one awaiting segment (default 30 min). */
  readonly segmentMs?: number;
  /** Continue-as-new after this many segments in one run (default: only when the server suggests it). */
  readonly maxSegmentsPerRun?: number;
  /** Bound of one provider-facing attempt (default 2 min): how soon an attempt on a dead worker is retried. */
  readonly attemptTimeoutMs?: number;
}

export type BatchPhase = 'pending' | 'awaiting' | 'done';

/** Everything the workflow knows about one batch; carried across continue-as-new. */
export interface BatchState {
  readonly index: number;
  phase: BatchPhase;
  providerJobId?: string;
  startedAt?: string;
  finishedAt?: string;
  snapshot?: ProviderJobSnapshot;
  stats: PollStats;
  items?: ItemOutcome[];
  /** What the provider said about this batch that contradicts itself (see JobWarning). */
  warnings?: JobWarning[];
  attachments?: Attachment[];
  error?: { type: string; message: string };
  /** Token of the per-tenant permit this batch holds (see permits.ts). */
  permit?: string;
}

export interface CarriedState {
  readonly plan: JobPlan;
  readonly batches: BatchState[];
  readonly paused: boolean;
  readonly run: number;
}

export interface BulkJobWorkflowInput {
  readonly request: BulkJobRequest;
  readonly requestedBy: string;
  readonly tuning?: JobTuning;
  /** Where the result is POSTed on completion (signed with the worker's secret, which never enters history). */
  readonly callback?: { readonly url: string };
  /** Set only by continue-as-new. */
  readonly carried?: CarriedState;
}

export interface JobProgress {
  readonly jobId: string;
  readonly operation: OperationId;
  /** `completing`: every batch is done and the result is being written. */
  readonly state: JobState | 'paused' | 'completing';
  readonly counts: ItemCounts;
  readonly batches: number;
  /** The batches done, running and waiting (absent from workers older than it). */
  readonly batchTally?: BatchTally;
  readonly providerJobs: readonly ProviderJobRecord[];
  readonly run: number;
}

export interface ControlRequest {
  readonly requestedBy: string;
}

export const progressQuery = defineQuery<JobProgress>('progress');
export const pauseSignal = defineSignal<[ControlRequest]>('pause');
export const resumeSignal = defineSignal<[ControlRequest]>('resume');
export const cancelSignal = defineSignal<[ControlRequest]>('cancel');
/** One page of the per-item outcomes collected so far (see domain/items-page.ts). */
export const itemsQuery = defineQuery<ItemsPageSlice, [ItemsPageRequest]>('items');
