/** Inputs and results of the activities. Plain JSON; workflows `import type` from here. */
import type {
  BulkJobRequest,
  CollectedResults,
  ItemOutcome,
  JobWarning,
  OperationId,
  PlannedBatch,
  PollStats,
  ProviderJobSnapshot,
} from '../domain/job';
import type { ControlAction } from '../providers/types';

export interface ProviderJobTarget {
  readonly operation: OperationId;
  readonly connection: string;
  readonly batch: PlannedBatch;
}

export interface StartProviderJobInput extends ProviderJobTarget {
  readonly idempotencyKey: string;
  readonly dryRun: boolean;
  /** When the workflow first scheduled this start; reconciliation looks for jobs created since then. */
  readonly scheduledAt: string;
  /** How long to wait before looking again when reconciliation cannot tell yet (default: the operation's poll interval). */
  readonly pollIntervalMs?: number;
}

export type StartProviderJobResult =
  | { readonly kind: 'started'; readonly providerJobId: string; readonly startedAt: string; readonly reused: boolean }
  | {
      readonly kind: 'validated';
      readonly items: readonly ItemOutcome[];
      readonly startedAt: string;
      /** Rows naming no item of the batch (absent when none). */
      readonly warnings?: readonly JobWarning[];
    };

export interface AwaitProviderJobInput extends ProviderJobTarget {
  readonly providerJobId: string;
  /** Length of this segment; the activity returns a `running` snapshot before it is over. */
  readonly segmentMs: number;
  readonly pollIntervalMs: number;
  /** Stats carried from earlier segments (attempt memory starts from these). */
  readonly carried: PollStats;
}

export interface AwaitProviderJobResult {
  /** Absent only when a segment ended before any poll got an answer. */
  readonly snapshot?: ProviderJobSnapshot;
  readonly stats: PollStats;
}

export interface CollectItemResultsInput extends ProviderJobTarget {
  readonly providerJobId: string;
  readonly snapshot: ProviderJobSnapshot;
}

/** A finished provider job's items under the engine's rules (src/domain/settle.ts), and its warnings (absent when none). */
export interface CollectItemResultsResult extends CollectedResults {
  readonly warnings?: readonly JobWarning[];
}

export interface ControlProviderJobInput extends ProviderJobTarget {
  readonly providerJobId: string;
  readonly action: ControlAction;
}

export type PlanBulkJobInput = BulkJobRequest;
