/**
 * The one way bulkflow names a field: a zod issue path becomes `input.users[3].phoneNumber` at every door (API,
 * client, CLI, config loading, planning), in provider contract errors, in a batch payload that no longer reads, and in
 * the audit's unreadable values. Pure and structural (no zod import), so any layer may use it.
 */

/** The parts of a zod issue this module reads. */
export interface PathIssue {
  readonly code?: string;
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
  /** `unrecognized_keys` issues: the unknown keys, reported at the object's own path. */
  readonly keys?: readonly string[];
}

/** One invalid field: `field` is a path such as `input.users[3].phoneNumber`. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** The field name of the request itself, when the path is empty. */
export const ROOT_FIELD = '(request)';

/**
 * Keys written after a dot (identifiers, as code would spell the path); any other key is quoted in brackets, so no
 * key can fake a path or a line.
 */
const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;

/**
 * `['users', 3, 'phoneNumber']` under `prefix` as `prefix.users[3].phoneNumber`; a key that is not a plain name as
 * `["a key"]`. An empty path is `prefix`, or `(request)` without one.
 */
export function fieldPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && PLAIN_KEY.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || ROOT_FIELD;
}

/** Each issue as `{ field, message }` under `prefix`; an unknown key is reported as its own field. */
export function issueFields(prefix: string, issues: readonly PathIssue[]): FieldIssue[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys.map((key) => ({ field: fieldPath(prefix, [...issue.path, key]), message: 'unknown field' }))
      : [{ field: fieldPath(prefix, issue.path), message: issue.message }],
  );
}

/** How many fields {@link issueFields} makes of `issues`, without making them. */
export function issueFieldCount(issues: readonly PathIssue[]): number {
  let count = 0;
  for (const issue of issues) count += issue.code === 'unrecognized_keys' && issue.keys ? issue.keys.length : 1;
  return count;
}

/**
 * The first `max` fields {@link issueFields} makes of `issues`, and how many it would make in all: for a zod error
 * with tens of thousands of issues, only those that will be listed are formatted.
 */
export function firstIssueFields(
  prefix: string,
  issues: readonly PathIssue[],
  max: number,
): { readonly fields: FieldIssue[]; readonly count: number } {
  const fields: FieldIssue[] = [];
  for (const issue of issues) {
    if (fields.length >= max) break;
    for (const field of issueFields(prefix, [issue])) fields.push(field);
  }
  return { fields: fields.slice(0, max), count: issueFieldCount(issues) };
}

/**
 * `issues` as one line, for an error that names the field they are under itself: `users[3].phoneNumber: must be
 * E.164; orgId: unknown field`. An issue about that field as a whole is its message alone.
 */
export function issuesText(issues: readonly PathIssue[]): string {
  return issueFields('', issues)
    .map(({ field, message }) => (field === ROOT_FIELD ? message : `${field}: ${message}`))
    .join('; ');
}

/** The first offending field of `issues` (for errors that name one field), or the root when there is none. */
export function firstField(prefix: string, issues: readonly PathIssue[]): FieldIssue {
  return issueFields(prefix, issues)[0] ?? { field: fieldPath(prefix, []), message: 'invalid' };
}
