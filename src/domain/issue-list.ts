/**
 * The bound on a validation error, whatever the input: at most {@link MAX_LISTED_ISSUES} problems are listed, each
 * field and message cut to a fixed length, and the listed ones take at most {@link MAX_LISTED_BYTES} as JSON; the
 * others are only counted. So a 400 answer stays under 64 KiB and costs little to build, however many items are
 * invalid or however long a key or value is. Pure (no Node APIs): any layer may use it.
 */
import type { FieldIssue } from './field-path';
import { escapeUnsafeChars } from './safe-text';

/** Problems listed in one validation error; the rest are counted. */
export const MAX_LISTED_ISSUES = 100;
/** Longest field path and message listed, in characters (a longer one ends with `…`). */
export const MAX_FIELD_CHARS = 200;
export const MAX_MESSAGE_CHARS = 300;
/**
 * UTF-8 bytes of the listed problems as JSON (or as the CLI prints them, hidden characters escaped); with the rest of a
 * problem answer, well under 64 KiB.
 */
export const MAX_LISTED_BYTES = 48 * 1024;

/** The listed problems and the count of all of them. */
export interface IssueList {
  readonly listed: readonly FieldIssue[];
  /** How many problems were found (listed or not). */
  readonly total: number;
  /** False when validation stopped early: `total` is then a lower bound ("at least"). */
  readonly exact: boolean;
}

const encoder = new TextEncoder();

/** `text` cut to `max` characters plus `…`, never between the two halves of a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/**
 * The first problems of `issues` within the bounds, counting all: `total` is at least `issues.length` (a caller that
 * counted more without building them passes the larger count).
 */
export function listIssues(issues: readonly FieldIssue[], total = issues.length, exact = true): IssueList {
  const listed: FieldIssue[] = [];
  let bytes = 0;
  for (const issue of issues) {
    if (listed.length === MAX_LISTED_ISSUES) break;
    const short = { field: clip(issue.field, MAX_FIELD_CHARS), message: clip(issue.message, MAX_MESSAGE_CHARS) };
    // Measured as JSON with hidden characters escaped: at least as long as the API's answer or the CLI's lines.
    bytes += encoder.encode(escapeUnsafeChars(JSON.stringify(short))).length + 1;
    if (bytes > MAX_LISTED_BYTES) break;
    listed.push(short);
  }
  return { listed, total: Math.max(total, issues.length), exact };
}

/** `issues.total` as words: `3`, or `at least 100` when validation stopped early. */
function countText({ total, exact }: Pick<IssueList, 'total' | 'exact'>): string {
  return exact ? String(total) : `at least ${total}`;
}

/**
 * What an error says after listing `listed` of the problems: `and 3 more`, `and at least 3 more`, or (validation
 * having stopped with the list full) that there may be more; `undefined` when the list is all there is.
 */
export function unlistedText({ total, exact }: Pick<IssueList, 'total' | 'exact'>, listed: number): string | undefined {
  const more = total - listed;
  if (more > 0) return `and ${countText({ total: more, exact })} more`;
  return exact ? undefined : `and maybe more: validation stopped after the first ${listed}`;
}
