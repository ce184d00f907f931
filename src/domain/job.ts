/**
 * Provider-neutral job types: the request envelope, the plan, the normalized provider-job snapshot, per-item
 * outcomes and the job result. Plain JSON only (no classes, Maps or Dates) so they cross Temporal unchanged.
 * Pure: workflows import from this file, so it must stay free of I/O, zod and Node builtins.
 */
/** Every operation bulkflow knows, as `provider.verbNoun`. */
export const OPERATION_IDS = [
  'webex.moveUsers',
  'webex.resendActivationEmails',
  'oracle.syncUsers',
  'fullstory.importUsers',
  'zoho.invitePortalUsers',
] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

/** The provider of an operation id: the part before the dot. */
export type ProviderOf<Id extends OperationId> = Id extends `${infer Provider}.${string}` ? Provider : never;

/** Names of the providers, derived from the operation ids: a new provider needs only its operations listed above. */
export type ProviderName = ProviderOf<OperationId>;

/** The provider an operation id belongs to. */
export function providerOf<Id extends OperationId>(operation: Id): ProviderOf<Id> {
  return operation.slice(0, operation.indexOf('.')) as ProviderOf<Id>;
}

/** Every provider with an operation, in the order of `OPERATION_IDS`. */
export const PROVIDER_NAMES: readonly ProviderName[] = [...new Set(OPERATION_IDS.map(providerOf))];

/** A caller's request, before validation of its operation-specific `input`. */
export interface BulkJobRequest {
  readonly operation: OperationId;
  /** Name of a configured provider connection; credentials are resolved from it by activities only. */
  readonly connection: string;
  /** The provider-side tenant (org, portal…), for concurrency limits and search; derived from input when absent. */
  readonly tenant?: string;
  /** Ask the provider to validate only (Webex `validate: true`); nothing is changed. */
  readonly dryRun: boolean;
  /** Operation-specific payload, validated by the operation's own schema. */
  readonly input: unknown;
}

export type TerminalState = 'succeeded' | 'partial' | 'failed' | 'cancelled';
export type JobState = 'planning' | 'running' | TerminalState;

export interface ItemCounts {
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  pending: number;
}

/** Where a job's batches stand: done, running (its provider job started, not yet finished) and waiting to start. */
export interface BatchTally {
  readonly total: number;
  readonly done: number;
  readonly running: number;
  readonly waiting: number;
}

export interface ProviderMessage {
  readonly code: string;
  readonly message: string;
}

/** What happened to one item (user, record) of a job. */
export interface ItemOutcome {
  readonly ref: string;
  readonly outcome: 'succeeded' | 'failed' | 'skipped';
  readonly code?: string;
  readonly message?: string;
  /** Dry runs: what the change would do besides (Webex impacts). */
  readonly impacts?: readonly ProviderMessage[];
}

/**
 * What a provider counted of a job, outcome by outcome, and the total it counted them against (the batch's size, or
 * the provider's own total for a whole-tenant job), kept as the provider said them when they cannot all be true.
 */
export interface ProviderFigures {
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
}

/**
 * A provider contradicting itself, kept with the result instead of being guessed away: a result row naming no item of
 * its batch (never made an item), a finished job whose counts tell another story than its item pages (both figures
 * kept), or a summary counting more users than the job holds (its figures kept; the per-user pages decide).
 * `message` says it in one sentence, for logs, the CLI and the audit. Our own result breaking an invariant is never a
 * warning: it is a `ResultInvariantError`.
 */
export type JobWarning =
  | {
      readonly kind: 'foreignRow';
      readonly batch: number;
      readonly providerJobId?: string;
      /** What the row names: no item of the batch. */
      readonly ref: string;
      /** What the row said about it. */
      readonly outcome: ItemOutcome['outcome'];
      readonly code?: string;
      readonly message: string;
    }
  | {
      readonly kind: 'countsDisagree';
      readonly batch: number;
      readonly providerJobId?: string;
      /** The provider's own counts of the finished job. */
      readonly providerCounts: ItemCounts;
      /** The counts its item pages give. */
      readonly itemCounts: ItemCounts;
      readonly message: string;
    }
  | {
      readonly kind: 'countsExceedTotal';
      readonly batch: number;
      readonly providerJobId?: string;
      /** What the provider counted: more outcomes than its total. */
      readonly providerFigures: ProviderFigures;
      readonly message: string;
    };

/** A provider file kept with a result (e.g. Oracle's failed-users CSV and job log), truncated to a bounded size. */
export interface Attachment {
  readonly name: string;
  readonly contentType: string;
  readonly text: string;
  readonly truncated: boolean;
}

/** What collecting a finished provider job yields. */
export interface CollectedResults {
  readonly items: ItemOutcome[];
  readonly attachments?: Attachment[];
}

/** One provider request's worth of items, as planned before anything is sent. */
export interface PlannedBatch {
  readonly index: number;
  /** Grouping key (e.g. the Webex target location), for logs and audit. */
  readonly key: string;
  readonly itemRefs: readonly string[];
  /** The operation-specific body of this batch, already validated. */
  readonly payload: unknown;
}

export interface JobPlan {
  readonly operation: OperationId;
  readonly provider: ProviderName;
  readonly tenant: string;
  readonly total: number;
  readonly batches: readonly PlannedBatch[];
  readonly maxConcurrentBatches: number;
  /** Provider jobs of this operation allowed in progress per tenant across all bulk jobs (see OperationLimits). */
  readonly tenantPermits?: number;
  readonly pollIntervalMs: number;
  readonly capabilities: OperationCapabilities;
}

export interface OperationCapabilities {
  readonly dryRun: boolean;
  readonly pause: boolean;
  readonly resume: boolean;
  readonly cancel: boolean;
}

/**
 * A provider job's state, normalized; `providerStatus` keeps the provider's own words. `providerFigures` is set only
 * when the provider counted more outcomes than the total (see `checkSnapshot` in settle.ts): `counts` are then the
 * engine's, and the figures travel with the snapshot to the collection, which reports them as a warning.
 */
export type ProviderJobSnapshot =
  | {
      readonly state: 'running';
      readonly counts: ItemCounts;
      readonly providerStatus: string;
      readonly paused?: boolean;
      readonly providerFigures?: ProviderFigures;
    }
  | {
      readonly state: TerminalState;
      readonly counts: ItemCounts;
      readonly providerStatus: string;
      readonly reason?: string;
      readonly providerFigures?: ProviderFigures;
    };

/** How each poll was answered. */
export type AnswerKind = 'running' | 'done' | 'locked' | 'rateLimited' | 'transient';

/** Attempt memory of an awaiting activity, carried across attempts (heartbeat details) and segments. */
export interface PollStats {
  polls: number;
  answers: Record<AnswerKind, number>;
  waitedOnRetryAfterMs: number;
  /** Transient failures in a row, for exponential backoff; reset by any answer. */
  consecutiveTransient: number;
  /** Epoch ms before which no request may be sent (the provider's last `Retry-After`). */
  notBeforeMs?: number;
  lastProgress?: ItemCounts;
  lastAnswerAt?: string;
  /** When the provider job's counts last changed (its first answer counts as a change). */
  progressAt?: string;
  /** Running answers in a row with unchanged counts since then. */
  pollsWithoutProgress?: number;
}

export function emptyPollStats(): PollStats {
  return {
    polls: 0,
    answers: { running: 0, done: 0, locked: 0, rateLimited: 0, transient: 0 },
    waitedOnRetryAfterMs: 0,
    consecutiveTransient: 0,
  };
}

/** The progress marks of poll stats, as a provider job's record carries them (none before the first answer). */
export function progressMarks(stats: PollStats): Pick<ProviderJobRecord, 'progressAt' | 'pollsWithoutProgress'> {
  if (stats.progressAt === undefined) return {};
  return { progressAt: stats.progressAt, pollsWithoutProgress: stats.pollsWithoutProgress ?? 0 };
}

export function emptyCounts(total = 0): ItemCounts {
  return { total, succeeded: 0, failed: 0, skipped: 0, pending: total };
}

/** One provider job of a bulk job, as the result and the progress query report it. */
export interface ProviderJobRecord {
  readonly batch: number;
  readonly id: string;
  readonly state: JobState;
  readonly counts: ItemCounts;
  readonly polls: number;
  readonly answers: Record<AnswerKind, number>;
  readonly waitedOnRetryAfterMs: number;
  /** When the provider job last changed its counts (from its first answer on). */
  readonly progressAt?: string;
  /** Running answers in a row with unchanged counts: a stuck provider job says so here. */
  readonly pollsWithoutProgress?: number;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly providerStatus?: string;
  readonly reason?: string;
  readonly attachments?: readonly Attachment[];
}

/** The normalized result of a bulk job (also the CLI's `--json` output). */
export interface BulkJobResult {
  readonly jobId: string;
  readonly operation: OperationId;
  readonly dryRun: boolean;
  readonly state: TerminalState;
  readonly counts: ItemCounts;
  readonly providerJobs: readonly ProviderJobRecord[];
  readonly items: readonly ItemOutcome[];
  /**
   * Refs of the request's items with no outcome: in batches never started, or not reported by their provider job
   * (e.g. abandoned on cancel). Absent when there are none; results recorded before lack it.
   */
  readonly pendingRefs?: readonly string[];
  readonly cancelledBy?: string;
  readonly error?: { readonly type: string; readonly message: string };
  /** What the providers said that contradicts itself (absent when nothing did; results recorded before lack it). */
  readonly warnings?: readonly JobWarning[];
}
