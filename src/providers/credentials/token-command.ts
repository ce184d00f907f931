/** A token printed by a command (a secrets manager's CLI, a rotator's helper), run without a shell. */
import { execFile } from 'node:child_process';
import type { ProviderName } from '../../domain/errors';

/** A command that prints no token within this time has failed. */
export const TOKEN_COMMAND_TIMEOUT_MS = 15_000;
/** More output than this is not a token. */
const MAX_OUTPUT_BYTES = 64 * 1024;

/**
 * Runs `argv` (program, then arguments; no shell) and answers its standard output, trimmed.
 * Thrown when it cannot start, exits non-zero, times out or prints nothing: an `Error` (retryable: a secrets
 * manager may be briefly away) naming the setting and the exit code or error code, never what the command printed
 * (its output is the secret, and its errors may quote it).
 */
export function runTokenCommand(provider: ProviderName, argv: readonly string[]): Promise<string> {
  const [program, ...args] = argv;
  if (program === undefined) return Promise.reject(failed(provider, 'empty command'));
  return new Promise((resolve, reject) => {
    execFile(
      program,
      args,
      { timeout: TOKEN_COMMAND_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', windowsHide: true },
      (err, stdout) => {
        if (err) return reject(failed(provider, reasonOf(err)));
        const token = stdout.trim();
        if (token === '') return reject(failed(provider, 'printed nothing'));
        resolve(token);
      },
    );
  });
}

function reasonOf(err: Error & { code?: unknown; killed?: boolean; signal?: unknown }): string {
  if (err.killed) return `no token within ${TOKEN_COMMAND_TIMEOUT_MS} ms`;
  if (typeof err.code === 'number') return `exit code ${err.code}`;
  if (typeof err.code === 'string') return err.code;
  return typeof err.signal === 'string' ? `killed by ${err.signal}` : 'failed';
}

function failed(provider: ProviderName, reason: string): Error {
  return Object.assign(new Error(`${provider} connection: tokenCommand failed (${reason})`), { code: 'TOKEN_COMMAND' });
}
