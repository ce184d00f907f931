/** The bound on a validation error: 100 problems listed, each cut short, under 48 KiB as JSON, all counted. */
import {
  MAX_FIELD_CHARS,
  MAX_LISTED_BYTES,
  MAX_MESSAGE_CHARS,
  clip,
  listIssues,
  unlistedText,
} from '../../../src/domain/issue-list';
import { escapeUnsafeChars } from '../../../src/domain/safe-text';

const bytesOf = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

describe('listIssues', () => {
  it('lists the first 100 problems and counts all of them', () => {
    const issues = Array.from({ length: 250 }, (_, i) => ({ field: `input.users[${i}].userId`, message: 'invalid' }));
    const list = listIssues(issues);
    expect(list.listed).toHaveLength(100);
    expect(list.listed[99]?.field).toBe('input.users[99].userId');
    expect(list).toMatchObject({ total: 250, exact: true });
  });

  it('cuts long fields and messages, and keeps the list under its byte bound whatever they hold', () => {
    const issues = Array.from({ length: 100 }, () => ({
      field: `input["${'\u0001é'.repeat(10_000)}"]`,
      message: '\u0000😀\u202e'.repeat(10_000),
    }));
    const list = listIssues(issues);
    expect(bytesOf(list.listed)).toBeLessThanOrEqual(MAX_LISTED_BYTES);
    // As the CLI prints them (control and bidi characters escaped by println), the same bound holds.
    const printed = list.listed.map((i) => escapeUnsafeChars(`  ${i.field}: ${i.message}\n`, '\n')).join('');
    expect(Buffer.byteLength(printed)).toBeLessThanOrEqual(MAX_LISTED_BYTES);
    expect(list.listed.length).toBeGreaterThan(0);
    for (const issue of list.listed) {
      expect(issue.field.length).toBeLessThanOrEqual(MAX_FIELD_CHARS + 1);
      expect(issue.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS + 1);
    }
    expect(list.total).toBe(100);
  });

  it('takes a larger count from a caller that stopped early', () => {
    const list = listIssues([{ field: 'a', message: 'b' }], 5, false);
    expect(list).toMatchObject({ total: 5, exact: false });
    expect(unlistedText(list, 1)).toBe('and at least 4 more');
    expect(unlistedText({ total: 100, exact: false }, 100)).toBe(
      'and maybe more: validation stopped after the first 100',
    );
    expect(unlistedText({ total: 100, exact: true }, 100)).toBeUndefined();
  });
});

describe('clip', () => {
  it('never cuts between the halves of a surrogate pair', () => {
    expect(clip('ab😀cd', 3)).toBe('ab…');
    expect(clip('abc', 3)).toBe('abc');
  });
});
