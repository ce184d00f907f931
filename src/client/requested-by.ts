/** The requester rule (`requestedBy`) at the client's doors: start, cancel, pause and resume. */
import { requesterProblem } from '../domain/safe-text';
import { RequestValidationError } from './errors';

/**
 * `value` as a requester. Thrown when it breaks the rule of `requesterProblem` (not a string, empty, too long,
 * control, bidi or format characters, quotes): `RequestValidationError` naming `field`.
 */
export function parseRequestedBy(value: unknown, field = 'requestedBy'): string {
  const problem = typeof value === 'string' ? requesterProblem(value) : 'must be a string';
  if (problem) throw new RequestValidationError([{ field, message: problem }]);
  return value as string;
}
