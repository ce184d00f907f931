/**
 * Reading recorded values through schemas. History outlives the code that wrote it: a value of an older (or newer)
 * shape is not guessed at, it becomes an `unreadable` entry naming the event and what could not be read.
 */
import type { z } from 'zod';
import { fieldPath } from '../domain/field-path';
import type { AuditEntry, AuditUnreadableIssue } from './timeline';

/** A recorded value as read: the parsed value, or the issues that kept it from being read. */
export type Read<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly AuditUnreadableIssue[] };

/** `value` (found at `at` in the event, e.g. `result`) parsed by `schema`; issue paths start with `at`. */
export function readRecorded<T>(schema: z.ZodType<T>, value: unknown, at: string): Read<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({
    path: fieldPath(at, issue.path),
    problem: issue.message,
  }));
  return { ok: false, issues };
}

/** The issues of every read that failed, in order. */
export function issuesOf(...reads: readonly Read<unknown>[]): AuditUnreadableIssue[] {
  return reads.flatMap((read) => (read.ok ? [] : read.issues));
}

/** Where an unreadable value was found. */
export interface UnreadableAt {
  readonly at: string;
  readonly run: number;
  readonly eventId: number;
  /** What the event records, e.g. `startProviderJob completed`, `permitGranted signal`. */
  readonly event: string;
  readonly batch?: number | undefined;
}

/** The entry that shows an unreadable value in the timeline. */
export function unreadableEntry(where: UnreadableAt, issues: readonly AuditUnreadableIssue[]): AuditEntry {
  const { batch, ...rest } = where;
  return { ...rest, ...(batch !== undefined ? { batch } : {}), kind: 'unreadable', issues: [...issues] };
}
