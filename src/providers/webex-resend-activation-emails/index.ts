/** Webex Bulk Activation Email Resend: operation, input, wire schemas, status mapping and simulator. */
export {
  createWebexResendActivationEmailsOperation,
  webexResendActivationEmails,
  type WebexResendActivationEmailsOptions,
} from './operation';
export {
  MAX_ORG_ID_LENGTH,
  parseWebexResendActivationEmailsInput,
  WebexResendActivationEmailsInputSchema,
  type WebexResendActivationEmailsInput,
} from './input';
export { ERRORS_PAGE_SIZE, WEBEX_RESEND_ACTIVATION_EMAILS_LIMITS } from './limits';
export {
  ActivationEmailsBatchPayloadSchema,
  planResendActivationEmails,
  type ActivationEmailsBatchPayload,
} from './plan';
export { countsOf, mapActivationEmailsStatus, type ActivationEmailsStatusInput } from './status-mapping';
export { itemsFromErrors, refOf } from './collect-items';
export { nextLinkOf, parseLinkHeader, type WebLink } from './link-header';
export {
  ACTIVATION_EMAILS_EXECUTION_STATUSES,
  ACTIVATION_EMAILS_EXIT_CODES,
  ActivationEmailsErrorsResponseSchema,
  ActivationEmailsJobSchema,
  ALREADY_INVITED_CODE,
  type ActivationEmailsErrorItem,
  type ActivationEmailsJob,
} from './schemas';
export {
  ACTIVATION_EMAILS_CONTROL_PATH,
  createWebexResendActivationEmailsSimulator,
  type SimResendJobSummary,
  type WebexResendActivationEmailsSimulator,
} from './simulator';
export {
  DEFAULT_FAIL_USERS,
  DEFAULT_ORG_USERS,
  DEFAULT_SKIP_USERS,
  WebexResendActivationEmailsSimConfigSchema,
  type WebexResendActivationEmailsSimConfig,
} from './simulator-config';
export { ALREADY_RUNNING_MESSAGE } from './simulator-handlers';
export { SIM_SEND_FAILED_CODE } from './simulator-render';
