/**
 * Webex Bulk Activation Email Resend as a simulator of the provider's HTTP API, for tests, the demo and the dev stack.
 * Only this folder imports the simulator core (src/simulator); the operation never imports its simulator, so the
 * worker never loads it.
 */
export {
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
} from './config';
export { ALREADY_RUNNING_MESSAGE } from './handlers';
export { SIM_SEND_FAILED_CODE } from './render';
export { webexResendActivationEmailsSimulation } from './samples';
