/**
 * `bulkflow list`'s flags as a job filter, checked before anything connects: a problem names the flag the user typed
 * (`--since`, not the API's `startedAfter`), what it takes, and what it got.
 */
import { RequestValidationError } from '../client';
import { parseJobListFilter } from '../client/list-query';
import type { JobListFilter } from '../client/list-query';
import { hasErrorName } from '../domain/errors';
import { clip } from '../domain/issue-list';

export interface ListFlags {
  readonly operation?: string;
  readonly provider?: string;
  readonly tenant?: string;
  readonly state?: string;
  readonly requestedBy?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: string;
  readonly cursor?: string;
}

const ISO = 'an ISO date-time like 2026-12-01T00:00:00Z';

/** Each filter field, the flag that gives it, and (where zod's words are not enough) what it takes. */
const FLAGS: Readonly<Record<string, { readonly flag: keyof ListFlags; readonly takes?: string }>> = {
  operation: { flag: 'operation' },
  provider: { flag: 'provider' },
  tenant: { flag: 'tenant' },
  state: { flag: 'state' },
  requestedBy: { flag: 'requestedBy' },
  startedAfter: { flag: 'since', takes: ISO },
  startedBefore: { flag: 'until', takes: ISO },
  limit: { flag: 'limit', takes: 'a whole number from 1 to 1000' },
  cursor: { flag: 'cursor' },
};

const optionName = (flag: string): string => `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The filter of `flags`. Thrown when a flag's value is invalid: `RequestValidationError` naming the flag. */
export function listFilter(flags: ListFlags): JobListFilter {
  const { since, until, ...rest } = flags;
  const filter = {
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    ...(since ? { startedAfter: since } : {}),
    ...(until ? { startedBefore: until } : {}),
  };
  try {
    parseJobListFilter(filter);
  } catch (err) {
    if (!hasErrorName(err, 'RequestValidationError')) throw err;
    const issues = (err as RequestValidationError).issues.map(({ field, message }) => {
      const known = FLAGS[field];
      if (!known) return { field, message };
      const got = JSON.stringify(clip(flags[known.flag] ?? '', 100)).replace(/^"|"$/g, "'");
      return { field: optionName(known.flag), message: `expected ${known.takes ?? message}, got ${got}` };
    });
    throw new RequestValidationError(issues);
  }
  return filter;
}
