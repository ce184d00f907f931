/** Zoho CRM portal bulk invite: operation, input, wire schemas, status mapping and simulator. */
export { jobIdOf, zohoInvitePortalUsers } from './operation';
export {
  parseZohoInvitePortalUsersInput,
  ZohoInvitePortalUsersInputSchema,
  ZohoInvitePortalUserInputSchema,
  type ZohoInvitePortalUsersInput,
  type ZohoInvitePortalUserInput,
} from './input';
export {
  DEFAULT_API_VERSION,
  MAX_INVITES_PER_JOB,
  MAX_RECORDS_PER_REQUEST,
  ZOHO_API_VERSIONS,
  ZOHO_INVITE_PORTAL_USERS_LIMITS,
  type ZohoApiVersion,
} from './limits';
export { losslessIds, parseLossless, quoteIdNumbers } from './lossless-json';
export { PortalInviteBatchPayloadSchema, planPortalInvites, type PortalInviteBatchPayload } from './plan';
export { matchStartedJob } from './reconcile';
export { itemsFromRecords, NOT_REPORTED_CODE, recordOutcomeOf } from './record-matching';
export { mapPortalInviteJob } from './status-mapping';
export {
  PORTAL_INVITE_ERROR_CODES,
  PORTAL_INVITE_JOB_STATUSES,
  PORTAL_INVITE_RECORD_CODES,
  PORTAL_INVITE_RECORD_STATUSES,
  PortalInviteJobSchema,
  PortalInviteRecordResultSchema,
  PortalInviteRequestSchema,
  PortalInviteStartResponseSchema,
  PortalInviteStatusResponseSchema,
  ZohoErrorSchema,
  type PortalInviteJob,
  type PortalInviteRecordResult,
  type PortalInviteRequest,
  type PortalInviteStartResponse,
} from './schemas';
export {
  createZohoInvitePortalUsersSimulator,
  PORTAL_INVITE_CONTROL_PATH,
  PORTAL_INVITE_ROUTE,
  type SimInviteJobSummary,
  type ZohoInvitePortalUsersSimulator,
} from './simulator';
export { ZohoInvitePortalUsersSimConfigSchema, type ZohoInvitePortalUsersSimConfig } from './simulator-config';
export { JOB_NOT_FOUND_CODE } from './wire';
