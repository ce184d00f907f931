/** The caller-facing input of `webex.moveUsers`, validated before anything is planned or sent. */
import { z } from 'zod';
import { duplicateKeyProblems } from '../duplicate-keys';
import { providerId } from '../input-fields';
import { MAX_USERS_PER_JOB } from './limits';

/** Longest Webex id accepted; Webex ids are ~100 characters of base64 (our own sanity bound). */
export const MAX_WEBEX_ID_LENGTH = 512;

/** A Webex id: base64, so `/` may occur (it is encoded wherever an id goes into a URL). */
const webexId = (field: string) => providerId(field, { max: MAX_WEBEX_ID_LENGTH, allowSlash: true });

// Regexes rather than refinements, so the API's OpenAPI document states them; "" (remove) included. ASCII digit
// classes, not `\d`, which other regex engines (a client's) read as any Unicode digit.
const E164_OR_EMPTY = /^(?:\+[1-9][0-9]{1,14})?$/;
const EXTENSION_OR_EMPTY = /^(?:[0-9]{2,10})?$/;
const PHONE_MESSAGE = 'phoneNumber must be E.164 (e.g. +14155550100), or "" to remove it';
const EXTENSION_MESSAGE = 'extension must be 2 to 10 digits, or "" to remove it';

/** One user to move to `locationId`. `""` for phoneNumber / extension removes it; omitted keeps the current one. */
export const WebexMoveUserInputSchema = z.strictObject({
  userId: webexId('userId').meta({
    examples: ['Y2lzY29zcGFyazovL3VzL1BFT1BMRS81YjdlMmMxYS0zZDRmLTRlOGEtOWIwYy0xZDJlM2Y0YTViNmM'],
  }),
  locationId: webexId('locationId').meta({
    examples: ['Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzlmOGU3ZDZjLTViNGEtNDM5Mi04MTcwLTZhNWI0YzNkMmUxZg'],
  }),
  // The `max` repeats what the pattern says, so that the JSON Schema (and the CLI's size bound) knows the length.
  phoneNumber: z
    .string()
    .max(16, { error: PHONE_MESSAGE, abort: true })
    .regex(E164_OR_EMPTY, PHONE_MESSAGE)
    .meta({ examples: ['+31205550123'] })
    .optional(),
  extension: z
    .string()
    .max(10, { error: EXTENSION_MESSAGE, abort: true })
    .regex(EXTENSION_OR_EMPTY, EXTENSION_MESSAGE)
    .meta({ examples: ['4123'] })
    .optional(),
});
export type WebexMoveUserInput = z.infer<typeof WebexMoveUserInputSchema>;

/** Input of `webex.moveUsers`: the users to move, and the org to act in (admin-on-behalf) when not the token's own. */
export const WebexMoveUsersInputSchema = z
  .strictObject({
    orgId: webexId('orgId')
      .meta({ examples: ['Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8yYzNkNGU1Zi02YTdiLTRjOGQtOWUwZi0xYTJiM2M0ZDVlNmY'] })
      .optional(),
    users: z
      .array(WebexMoveUserInputSchema)
      .min(1, 'users must list at least one user')
      .max(MAX_USERS_PER_JOB, `users must list at most ${MAX_USERS_PER_JOB} users`),
  })
  .superRefine((input, ctx) => {
    const userIds = input.users.map((user, i) => ({ key: user.userId, path: ['users', i, 'userId'] }));
    for (const problem of duplicateKeyProblems(userIds)) ctx.addIssue({ code: 'custom', ...problem });
  });
export type WebexMoveUsersInput = z.infer<typeof WebexMoveUsersInputSchema>;
