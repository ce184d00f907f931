/** Errors of the audit. */
import { BulkflowError } from '../domain/errors';

/**
 * Thrown when a history is not one the audit can explain: it has no start event, or its start event does not say
 * who asked for what (the request and the requester). Anything else that does not read becomes an `unreadable` entry.
 */
export class UnreadableHistoryError extends BulkflowError {
  override readonly name = 'UnreadableHistoryError';
  constructor(
    readonly jobId: string,
    readonly problem: string,
  ) {
    super(`job ${jobId}: ${problem}`, { retryable: false });
  }
}
