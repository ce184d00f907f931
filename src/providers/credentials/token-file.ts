/** A token kept in a file that an outside rotator rewrites. */
import { readFileSync } from 'node:fs';
import type { ProviderName } from '../../domain/errors';

/**
 * The token in `path`, trimmed (a small local file: read synchronously). Thrown when it cannot be read or is empty:
 * an `Error` (retryable, as the file may be in the middle of a rotation) naming the setting and the error code, not
 * the path: the message becomes an activity failure, which API callers may read.
 */
export function readTokenFile(provider: ProviderName, path: string): string {
  let token: string;
  try {
    token = readFileSync(path, 'utf8').trim();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw unreadable(provider, typeof code === 'string' ? code : 'unreadable');
  }
  if (token === '') throw unreadable(provider, 'empty');
  return token;
}

function unreadable(provider: ProviderName, reason: string): Error {
  return Object.assign(new Error(`${provider} connection: tokenFile cannot be read (${reason})`), { code: reason });
}
