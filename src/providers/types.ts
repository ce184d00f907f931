/** The contract every provider operation implements. No Temporal imports here: activities adapt this to Temporal. */
import type { z } from 'zod';
import type { ProviderName } from '../domain/errors';
import type {
  CollectedResults,
  ItemOutcome,
  OperationCapabilities,
  OperationId,
  PlannedBatch,
  ProviderJobSnapshot,
} from '../domain/job';
import type { HttpClient } from '../http/types';
import type { ConnectionAuth } from './auth';

/** Minimal structured logger (pino and Temporal's activity logger both fit). */
export interface OperationLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface OperationContext {
  readonly http: HttpClient;
  readonly log: OperationLogger;
  /** The connection's auth scheme, for APIs whose paths differ by it (Oracle: Basic → v1, Bearer → v3). */
  readonly authScheme: AuthScheme;
}

/** The scheme word of a connection's `Authorization` header: `Bearer`, `Basic`, `Zoho-oauthtoken`… */
export type AuthScheme = string;

export interface OperationLimits {
  readonly maxItemsPerBatch: number;
  /** Provider jobs of one bulk job that may run at once (per tenant). */
  readonly maxConcurrentBatches: number;
  /** Delay between status polls when the provider gives no `Retry-After`. */
  readonly pollIntervalMs: number;
  /**
   * Provider jobs of this operation that may be in progress at once per tenant, across ALL bulk jobs (e.g. one
   * activation-email job per Webex org). Enforced by a per-tenant semaphore workflow. Absent: no shared limit.
   */
  readonly tenantPermits?: number;
}

export type StartOutcome =
  | { readonly kind: 'started'; readonly providerJobId: string }
  /** Dry run: the provider validated the batch and created nothing. */
  | { readonly kind: 'validated'; readonly items: readonly ItemOutcome[] };

export interface PollOutcome {
  readonly snapshot: ProviderJobSnapshot;
  /** `Retry-After` that came with a still-running answer (e.g. Oracle's 202), in ms. */
  readonly retryAfterMs?: number;
}

/** Result of looking for a job that an interrupted start may have created. */
export type ReconcileOutcome =
  | { readonly kind: 'found'; readonly providerJobId: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] }
  /** Cannot tell yet (e.g. Zoho hides the records of jobs in progress): look again after a poll interval. */
  | { readonly kind: 'pending'; readonly reason: string };

export type ControlAction = 'pause' | 'resume' | 'abandon';

/**
 * One provider operation: its input schema, how it batches, and how to start, poll, read per-item results and
 * control one provider job. Methods throw the typed `ProviderError`s of `domain/errors.ts`.
 */
export interface ProviderOperation<Input = unknown> {
  readonly id: OperationId;
  readonly provider: ProviderName;
  /** How the provider's connections authenticate; every operation of one provider declares the same. */
  readonly auth: ConnectionAuth;
  readonly inputSchema: z.ZodType<Input>;
  readonly limits: OperationLimits;
  readonly capabilities: OperationCapabilities;
  /** Tenant implied by the input (e.g. the Webex orgId), used when the request names none. */
  tenantOf(input: Input): string | undefined;
  /** Splits a valid input into provider-sized batches. Pure. */
  plan(input: Input): PlannedBatch[];
  start(ctx: OperationContext, batch: PlannedBatch, options: StartOptions): Promise<StartOutcome>;
  poll(ctx: OperationContext, providerJobId: string, batch: PlannedBatch): Promise<PollOutcome>;
  /** Per-item outcomes of a finished job (and provider files worth keeping, e.g. Oracle's failed-users CSV). */
  collectItems(
    ctx: OperationContext,
    providerJobId: string,
    batch: PlannedBatch,
    snapshot: ProviderJobSnapshot,
  ): Promise<CollectedResults>;
  control?(ctx: OperationContext, providerJobId: string, batch: PlannedBatch, action: ControlAction): Promise<void>;
  /** Finds a job created for `batch` since `sinceIso`, when a start was interrupted. Absent: cannot reconcile. */
  reconcileStart?(ctx: OperationContext, batch: PlannedBatch, sinceIso: string): Promise<ReconcileOutcome>;
  /** True when `start` is idempotent given the same `idempotencyKey` (e.g. FullStory `Idempotency-Key`). */
  readonly idempotentStart: boolean;
}

export interface StartOptions {
  readonly idempotencyKey: string;
  readonly dryRun: boolean;
}
