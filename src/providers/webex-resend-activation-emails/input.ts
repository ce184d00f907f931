/** The caller-facing input of `webex.resendActivationEmails`, validated before anything is planned or sent. */
import { z } from 'zod';
import { providerId } from '../input-fields';

/** Longest org id accepted; Webex org ids are ~100 characters of base64 (our own sanity bound). */
export const MAX_ORG_ID_LENGTH = 512;

// Webex ids are base64 (standard or URL-safe alphabet, padding usually stripped), e.g. the fixtures'
// `Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8…`; the alphabet also admits a bare UUID, which some Webex APIs accept.
const WEBEX_ID = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Input of `webex.resendActivationEmails`: the org whose eligible users get the activation e-mail again. */
export const WebexResendActivationEmailsInputSchema = z.strictObject({
  // Refused before the pattern is tried: the org id goes into the URL path (encoded), and a trimmed id would be another.
  orgId: providerId('orgId', { max: MAX_ORG_ID_LENGTH, allowSlash: true })
    .regex(WEBEX_ID, 'orgId must be a Webex organization id (base64, e.g. Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8…)')
    .meta({ examples: ['Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8yYzNkNGU1Zi02YTdiLTRjOGQtOWUwZi0xYTJiM2M0ZDVlNmY'] }),
});
export type WebexResendActivationEmailsInput = z.infer<typeof WebexResendActivationEmailsInputSchema>;
