/**
 * The simulator's check of a POST body before it creates a job. Oracle documents only "400 Invalid input, Please
 * check." (docs/contracts.md#error-bodies); the listed problems are the simulator's own wording. `disabled` is not
 * required: Oracle's own example omits it.
 */
import { z } from 'zod';

const LooseUserSchema = z.looseObject({
  loginId: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  emailAddress: z.string().optional(),
  organization: z.looseObject({ name: z.string().optional() }).optional(),
});
export type SimRequestUser = z.infer<typeof LooseUserSchema> & { readonly loginId: string };

const LooseBodySchema = z.looseObject({
  added: z.array(LooseUserSchema).optional(),
  modified: z.array(LooseUserSchema).optional(),
  deleted: z.array(z.string()).optional(),
});

/** An accepted request: users to add / modify (with their request fields) and login ids to delete. */
export interface SimRequestLists {
  readonly added: readonly SimRequestUser[];
  readonly modified: readonly SimRequestUser[];
  readonly deleted: readonly string[];
}

export type SimValidation =
  | { readonly ok: true; readonly lists: SimRequestLists }
  | { readonly ok: false; readonly problems: readonly string[] };

const REQUIRED = ['loginId', 'firstName', 'lastName', 'emailAddress'] as const;

/** Checks a POST body; every problem found is listed. */
export function validateUserRequest(body: unknown, maxUsers: number | undefined): SimValidation {
  const parsed = LooseBodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, problems: ['the body is not a UserDataStore'] };
  const { added = [], modified = [], deleted = [] } = parsed.data;
  const problems = [...userProblems('added', added), ...userProblems('modified', modified)];
  const ids = [...added, ...modified].map((u) => u.loginId ?? '').concat(deleted);
  if (ids.length === 0) problems.push('no users to add, modify or delete');
  if (maxUsers !== undefined && ids.length > maxUsers) problems.push(`more than ${maxUsers} users in one request`);
  deleted.forEach((id, i) => {
    if (id.trim() === '') problems.push(`deleted[${i}] is empty`);
  });
  const seen = new Set<string>();
  for (const id of ids.filter(Boolean)) {
    if (seen.has(id.toLowerCase())) problems.push(`login id ${id} appears more than once`);
    seen.add(id.toLowerCase());
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, lists: { added: added as SimRequestUser[], modified: modified as SimRequestUser[], deleted } };
}

function userProblems(list: string, users: ReadonlyArray<z.infer<typeof LooseUserSchema>>): string[] {
  return users.flatMap((user, i) => [
    ...REQUIRED.filter((field) => !user[field]?.trim()).map((field) => `${list}[${i}].${field} is required`),
    ...(user.organization?.name?.trim() ? [] : [`${list}[${i}].organization.name is required`]),
  ]);
}
