/**
 * Webex Bulk Activation Email Resend: the operation the worker runs, and its input type. The simulator lives in
 * `simulator/` and is never exported from here.
 */
export {
  createWebexResendActivationEmailsOperation,
  webexResendActivationEmails,
  type WebexResendActivationEmailsOptions,
} from './operation';
export type { WebexResendActivationEmailsInput } from './input';
