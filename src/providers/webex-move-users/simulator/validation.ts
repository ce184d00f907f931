/**
 * The simulator's initial validation of a POST body, with the documented error codes
 * (docs/contracts.md#webexmoveusers-payloads).
 */
import { z } from 'zod';
import { MAX_USERS_PER_REQUEST } from '../limits';
import type { MoveUsersMessage } from '../schemas';

const E164 = /^\+[1-9]\d{1,14}$/;

const LooseRequestSchema = z.object({
  usersList: z
    .array(
      z.object({
        locationId: z.string().optional(),
        validate: z.boolean().optional(),
        users: z
          .array(
            z.object({
              userId: z.string().optional(),
              extension: z.string().optional(),
              phoneNumber: z.string().optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});

/** A user of an accepted request, with its target location. */
export interface SimRequestedUser {
  readonly userId: string;
  readonly locationId: string;
  readonly extension?: string | undefined;
  readonly phoneNumber?: string | undefined;
}

export type SimValidation =
  | { readonly ok: true; readonly validate: boolean; readonly users: readonly SimRequestedUser[] }
  | { readonly ok: false; readonly errors: readonly MoveUsersMessage[] };

const err = (code: number | string, message: string): MoveUsersMessage => ({ code, message });

/** Checks a POST body as Webex does before creating a job; every problem found is listed. */
export function validateMoveRequest(body: unknown): SimValidation {
  const parsed = LooseRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: [err('BATCH-400', 'Invalid request body.')] };
  const entries = parsed.data.usersList ?? [];
  if (entries.length === 0) return { ok: false, errors: [err('BATCH-400', 'Users list should not be empty.')] };
  const errors: MoveUsersMessage[] = [];
  const users: SimRequestedUser[] = [];
  for (const entry of entries) {
    if (!entry.locationId) errors.push(err('BATCH-400', 'Location ID is required.'));
    if (entry.validate === undefined) errors.push(err(1026006, 'Validate is required.'));
    if (!entry.users || entry.users.length === 0) errors.push(err('BATCH-400', 'Users list should not be empty.'));
    for (const user of entry.users ?? []) {
      if (!user.userId) errors.push(err('BATCH-400', 'User ID is required.'));
      else users.push({ ...user, userId: user.userId, locationId: entry.locationId ?? '' });
      if (user.phoneNumber && !E164.test(user.phoneNumber)) {
        errors.push(err(1026017, `Phone number ${user.phoneNumber} is not in E.164 format.`));
      }
    }
  }
  errors.push(
    ...listErrors(
      users,
      entries.some((e) => e.validate === true),
    ),
  );
  return errors.length > 0 ? { ok: false, errors } : { ok: true, validate: entries.some((e) => e.validate), users };
}

function listErrors(users: readonly SimRequestedUser[], validate: boolean): MoveUsersMessage[] {
  const errors: MoveUsersMessage[] = [];
  if (users.length > MAX_USERS_PER_REQUEST) {
    errors.push(err(1026018, `Selected users list exceeds the maximum limit of ${MAX_USERS_PER_REQUEST}.`));
  }
  const seen = new Set<string>();
  for (const { userId } of users) {
    if (seen.has(userId)) errors.push(err(1026019, `Duplicate user ${userId} found in the request.`));
    seen.add(userId);
  }
  if (validate && users.length > 1) errors.push(err(1026020, 'Validate true is supported only for a single user.'));
  return errors;
}
