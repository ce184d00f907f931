/** The caller-facing input of `zoho.invitePortalUsers`, validated before anything is planned or sent. */
import { z } from 'zod';
import { duplicateKeyProblems } from '../duplicate-keys';
import { DEFAULT_API_VERSION, MAX_INVITES_PER_JOB, ZOHO_API_VERSIONS } from './limits';

/** Zoho API names: a letter, then letters, digits or underscores (e.g. `Contacts`, `Custom_Module1`). */
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Zoho record ids are 64-bit numbers: at most 19 digits, far above 2^53, hence strings end to end. */
const RECORD_ID = /^\d{1,19}$/;
/**
 * The contract mentions 28 language codes without listing them
 * (docs/contracts.md#zohoinviteportalusers-unconfirmed-points): we check their `en_US` form only.
 */
const LANGUAGE = /^[a-z]{2}_[A-Z]{2}$/;

const digitsString = (field: string): z.ZodString =>
  z
    .string(`${field} must be a string of digits (Zoho ids exceed 2^53: pass them as strings, not numbers)`)
    .max(19, { error: `${field} must be 1 to 19 digits`, abort: true })
    .regex(RECORD_ID, `${field} must be 1 to 19 digits`);

/** One record to invite (or re-invite) to the portal. */
export const ZohoInvitePortalUserInputSchema = z.strictObject({
  /** Id of the record in the personality module. */
  id: digitsString('id').meta({ examples: ['5725767000001234001'] }),
  /** Id of the portal user type to invite the record as. */
  userTypeId: digitsString('userTypeId').meta({ examples: ['5725767000000467012'] }),
  /** `reinvite` for a record already invited (an `invite` of it fails with CANNOT_PROCESS). */
  type: z.enum(['invite', 'reinvite'], 'type must be "invite" or "reinvite"'),
  /** Language of the invitation; Zoho defaults to `en_US`. */
  language: z
    .string()
    .max(5, { error: 'language must be a code like en_US', abort: true })
    .regex(LANGUAGE, 'language must be a code like en_US')
    .meta({ examples: ['en_US'] })
    .optional(),
});
export type ZohoInvitePortalUserInput = z.infer<typeof ZohoInvitePortalUserInputSchema>;

/** Input of `zoho.invitePortalUsers`: the personality module and the records to invite. */
export const ZohoInvitePortalUsersInputSchema = z
  .strictObject({
    apiVersion: z
      .enum(ZOHO_API_VERSIONS, `apiVersion must be one of ${ZOHO_API_VERSIONS.join(', ')}`)
      .default(DEFAULT_API_VERSION),
    /** API name of the personality module, e.g. `Contacts`. */
    module: z
      .string('module must be the API name of a personality module')
      .min(1, 'module must not be empty')
      .max(100, 'module must be at most 100 characters')
      .regex(API_NAME, 'module must be an API name: a letter, then letters, digits or underscores')
      .meta({ examples: ['Contacts'] }),
    invites: z
      .array(ZohoInvitePortalUserInputSchema)
      .min(1, 'invites must list at least one record')
      .max(MAX_INVITES_PER_JOB, `invites must list at most ${MAX_INVITES_PER_JOB} records`),
  })
  .superRefine((input, ctx) => {
    const ids = input.invites.map((invite, i) => ({
      key: invite.id,
      path: ['invites', i, 'id'],
      note: 'one invitation per record',
    }));
    for (const problem of duplicateKeyProblems(ids)) ctx.addIssue({ code: 'custom', ...problem });
  });
export type ZohoInvitePortalUsersInput = z.infer<typeof ZohoInvitePortalUsersInputSchema>;
