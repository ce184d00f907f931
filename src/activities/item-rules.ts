/** The engine's item rules (src/domain/settle.ts) applied where activities hand items to the workflow. */
import type { ItemOutcome, JobWarning } from '../domain/job';
import { settleItems } from '../domain/settle';
import type { ItemsSource, SettledItems } from '../domain/settle';
import type { OperationLogger } from '../providers/types';

/**
 * What the log says of each kind of warning. A warning's own message quotes the provider's row (a ref, the provider's
 * words), which can hold a name or an e-mail address: it stays in the encrypted result, where erasing the tenant
 * reaches it, and the log carries only the kind, the batch and the provider job id.
 */
const LOG_TEXT: Record<JobWarning['kind'], string> = {
  foreignRow: 'a provider result row names no item of the batch; kept as a warning in the result, not as an item',
  countsDisagree: "the provider's counts and its item pages disagree; kept as a warning in the result",
  countsExceedTotal:
    "the provider's counts cover more users than the job holds; its per-user pages were read, kept as a warning in the result",
};

/**
 * `reported` under the engine's rules, each warning written to the log as one line without user data.
 * Thrown when an item has two outcomes: ResultInvariantError (non-retryable once it becomes a failure).
 */
export function settleReported(
  log: OperationLogger,
  reported: readonly ItemOutcome[],
  source: ItemsSource,
): SettledItems {
  const settled = settleItems(reported, source);
  for (const warning of settled.warnings) {
    const { kind, batch, providerJobId } = warning;
    log.warn({ kind, batch, ...(providerJobId === undefined ? {} : { providerJobId }) }, LOG_TEXT[kind]);
  }
  return settled;
}

/** `{ warnings }` when there are some, else nothing: results without warnings stay as they were recorded before. */
export function warningsPart(warnings: readonly JobWarning[]): { warnings?: readonly JobWarning[] } {
  return warnings.length > 0 ? { warnings } : {};
}
