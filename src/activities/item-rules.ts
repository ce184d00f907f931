/** The engine's item rules (src/domain/settle.ts) applied where activities hand items to the workflow. */
import type { ItemOutcome, JobWarning } from '../domain/job';
import { settleItems } from '../domain/settle';
import type { ItemsSource, SettledItems } from '../domain/settle';
import type { OperationLogger } from '../providers/types';

/**
 * `reported` under the engine's rules, each warning written to the log as one line.
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
    log.warn({ kind, batch, ...(providerJobId === undefined ? {} : { providerJobId }) }, warning.message);
  }
  return settled;
}

/** `{ warnings }` when there are some, else nothing: results without warnings stay as they were recorded before. */
export function warningsPart(warnings: readonly JobWarning[]): { warnings?: readonly JobWarning[] } {
  return warnings.length > 0 ? { warnings } : {};
}
