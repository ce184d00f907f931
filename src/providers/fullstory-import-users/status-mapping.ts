/**
 * Pure mapping of a FullStory batch import job status (docs/contracts.md#fullstoryimportusers-status-vocabulary) to a
 * `ProviderJobSnapshot`.
 */
import type { ItemCounts, ProviderJobSnapshot } from '../../domain/job';

/** The parts of a `JobStatusResponse` the mapping reads. */
export interface ImportJobStatusInput {
  readonly status?: string | undefined;
  readonly imports?: number | undefined;
  readonly errors?: number | undefined;
}

/**
 * PROCESSING → running; COMPLETED → succeeded; FAILED ("has failures, including partial failures") → partial when
 * anything was imported, else failed. Any other value (the spec's default UNKNOWN, a `PENDING` seen only in a
 * third-party spec, a future status) is treated as non-terminal: we keep polling rather than guess an ending.
 * `batchSize` (users sent) is the total.
 */
export function mapImportJobStatus(input: ImportJobStatusInput, batchSize: number): ProviderJobSnapshot {
  const providerStatus = input.status ?? 'UNKNOWN';
  const imports = input.imports ?? 0;
  const errors = input.errors ?? 0;
  switch (providerStatus) {
    case 'COMPLETED':
      return { state: 'succeeded', counts: countsOf(batchSize, imports, errors, true), providerStatus };
    case 'FAILED':
      return {
        state: imports > 0 ? 'partial' : 'failed',
        counts: countsOf(batchSize, imports, errors, false),
        providerStatus,
        reason: `FullStory batch import job ended FAILED: ${imports} imported, ${errors} failed`,
      };
    default:
      return { state: 'running', counts: countsOf(batchSize, imports, errors, false), providerStatus };
  }
}

/**
 * total = users sent (else imports + errors), failed = errors, succeeded = imports; the rest pending. COMPLETED means
 * "completed with no errors", so there every user not reported failed counts as imported, whatever `imports` says
 * (a protobuf-JSON encoder omits a zero count). Figures of more users than the batch are passed on as FullStory gave
 * them (pending below 0): the engine keeps them as a warning and reads the per-user pages.
 */
export function countsOf(batchSize: number, imports: number, errors: number, completed: boolean): ItemCounts {
  const total = batchSize > 0 ? batchSize : imports + errors;
  const succeeded = completed ? Math.max(0, total - errors) : imports;
  return { total, succeeded, failed: errors, skipped: 0, pending: total - errors - succeeded };
}
