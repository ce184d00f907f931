/** Zoho CRM portal bulk invite: operation, input, wire schemas, status mapping and simulator. */
export { jobIdOf, zohoInvitePortalUsers } from './operation';
export {
  parseZohoInvitePortalUsersInput,
  ZohoInvitePortalUsersInputSchema,
  ZohoPortalInviteInputSchema,
  type ZohoInvitePortalUsersInput,
  type ZohoPortalInviteInput,
} from './input';
export {
  DEFAULT_API_VERSION,
  MAX_INVITES_PER_JOB,
  MAX_RECORDS_PER_REQUEST,
  ZOHO_API_VERSIONS,
  ZOHO_PORTAL_INVITE_LIMITS,
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
  createZohoPortalInviteSimulator,
  PORTAL_INVITE_CONTROL_PATH,
  PORTAL_INVITE_ROUTE,
  type SimInviteJobSummary,
  type ZohoPortalInviteSimulator,
} from './simulator';
export { ZohoPortalInviteSimConfigSchema, type ZohoPortalInviteSimConfig } from './simulator-config';
export { JOB_NOT_FOUND_CODE } from './wire';
