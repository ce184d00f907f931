/** The caller-facing input of `fullstory.importUsers`, validated before anything is planned or sent. */
import { z } from 'zod';
import { MAX_USERS_PER_JOB } from './limits';
import { hasLoneSurrogate, hasUnsafeChars, ILL_FORMED_REASON } from '../../domain/safe-text';
import { duplicateKeyProblems } from '../duplicate-keys';
import { boundedText, providerId } from '../input-fields';
import { propertyProblems, valueBytes } from './properties';

const MAX_UID = 256;
const MAX_DISPLAY_NAME = 256;
const MAX_EMAIL = 128;
const MAX_SCHEMA_BYTES = 64 * 1024;

/** Custom properties; nested objects allowed (see `properties.ts` for FullStory's rules). */
export const FullStoryPropertiesSchema = z.record(z.string(), z.unknown()).superRefine((properties, ctx) => {
  for (const problem of propertyProblems(properties)) {
    ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
  }
});

/**
 * One `BatchUserImportRequest` (docs/contracts.md#fullstoryimportusers-payloads), in FullStory's own field names.
 * FullStory documents every field as optional (its own 400 example says "uid is required"); we require `uid` because it
 * is how per-item results are matched back: `/imports` answers carry the uid and `/errors` echo the request item.
 */
export const FullStoryImportUserInputSchema = z.strictObject({
  // A customer's own id, any text FullStory takes: only hidden characters are refused, nothing is trimmed.
  uid: z
    .string({ error: (issue) => (issue.input === undefined ? 'uid is required' : 'uid must be a string') })
    .min(1, 'uid must not be empty')
    .max(MAX_UID, `uid must be at most ${MAX_UID} characters`)
    .refine((uid) => uid.trim() !== '', 'uid must not be blank')
    .refine((uid) => !hasLoneSurrogate(uid), `uid ${ILL_FORMED_REASON}`)
    .refine((uid) => !hasUnsafeChars(uid), 'uid must not contain control, bidirectional or zero-width characters')
    .meta({ examples: ['crm-0042317'] }),
  /** FullStory's own user id, to update a user FullStory already knows. */
  id: providerId('id', { max: MAX_UID, freeForm: true }).trim().min(1, 'id must not be empty').optional(),
  display_name: boundedText('display_name', MAX_DISPLAY_NAME)
    .meta({ examples: ['Ana Ramos'] })
    .optional(),
  email: z
    .email('email must be a valid e-mail address')
    .max(MAX_EMAIL, `email must be at most ${MAX_EMAIL} characters`)
    .meta({ examples: ['ana.ramos@example.com'] })
    .optional(),
  properties: FullStoryPropertiesSchema.meta({ examples: [{ plan_str: 'pro', seats_int: 12 }] }).optional(),
  /** Optional type declarations of the properties, passed through as given (at most 64 KiB: our own bound). */
  schema: z
    .record(z.string(), z.unknown())
    .refine((schema) => valueBytes(schema) <= MAX_SCHEMA_BYTES, `schema must be at most ${MAX_SCHEMA_BYTES} bytes`)
    .optional(),
});
export type FullStoryImportUserInput = z.infer<typeof FullStoryImportUserInputSchema>;

/** Input of `fullstory.importUsers`: the users to upsert. Duplicate uids are refused (results could not be told apart). */
export const FullStoryImportUsersInputSchema = z
  .strictObject({
    users: z
      .array(FullStoryImportUserInputSchema)
      .min(1, 'users must list at least one user')
      .max(MAX_USERS_PER_JOB, `users must list at most ${MAX_USERS_PER_JOB} users`),
  })
  .superRefine((input, ctx) => {
    const uids = input.users.map((user, i) => ({ key: user.uid, path: ['users', i, 'uid'] }));
    for (const problem of duplicateKeyProblems(uids)) ctx.addIssue({ code: 'custom', ...problem });
  });
export type FullStoryImportUsersInput = z.infer<typeof FullStoryImportUsersInputSchema>;
