/** Telling "Temporal did not answer" apart from every other failure, for the API's 503 and the CLI's hint. */
import { isError } from '../domain/errors';

/** gRPC codes that mean Temporal did not answer: UNAVAILABLE (14) and DEADLINE_EXCEEDED (4). */
const UNREACHABLE_CODES = [14, 4];

/** True when `err` (or its cause) says Temporal cannot be reached right now: a gRPC UNAVAILABLE/DEADLINE, or a failed connect. */
export function isTemporalUnreachable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; isError(e) && depth < 3; e = e.cause, depth += 1) {
    const { code } = e as { code?: unknown };
    if ('metadata' in e && typeof code === 'number' && UNREACHABLE_CODES.includes(code)) return true;
    // What Connection.connect throws when nothing answers at the address (SDK 1.24).
    if (e.message === 'Failed to connect before the deadline') return true;
  }
  return false;
}
