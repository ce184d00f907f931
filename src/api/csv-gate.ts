/**
 * How many `text/csv` starts one API process reads at once. Each holds its items, their validated copy and their
 * encoded payload until the job has started (about 150 MiB for 100,000 FullStory users, bench scenario 6), so the
 * number at once is what bounds the API's memory; one more is answered 503 with `Retry-After`, before its body is read.
 */
import { BulkflowError } from '../domain/errors';

/** CSV starts read at once by default. */
export const MAX_CSV_STARTS = 2;
/** Seconds a refused CSV start is told to wait. */
export const CSV_BUSY_RETRY_S = 5;

/** Thrown when the API is already reading as many CSV starts as it takes at once. Retryable. */
export class CsvStartsBusyError extends BulkflowError {
  override readonly name = 'CsvStartsBusyError';
  readonly retryAfterSeconds = CSV_BUSY_RETRY_S;
  constructor(readonly max: number) {
    super(`this API is reading ${max} CSV starts already, the most it takes at once; try again shortly`, {
      retryable: true,
    });
  }
}

/** A count of CSV starts in progress, up to `max`. */
export interface CsvGate {
  /** Runs `read` when fewer than `max` run. Thrown when `max` already run: `CsvStartsBusyError`. */
  run<T>(read: () => Promise<T>): Promise<T>;
}

export function csvGate(max: number): CsvGate {
  let running = 0;
  return {
    async run(read) {
      if (running >= max) throw new CsvStartsBusyError(max);
      running += 1;
      try {
        return await read();
      } finally {
        running -= 1;
      }
    },
  };
}
