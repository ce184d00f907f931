/**
 * Zoho CRM portal bulk invite as a simulator of the provider's HTTP API, for tests, the demo and the dev stack. Only
 * this folder imports the simulator core (src/simulator); the operation never imports its simulator, so the worker
 * never loads it.
 */
export {
  createZohoInvitePortalUsersSimulator,
  PORTAL_INVITE_ROUTE,
  type SimInviteJobSummary,
  type ZohoInvitePortalUsersSimulator,
} from './simulator';
export { ZohoInvitePortalUsersSimConfigSchema, type ZohoInvitePortalUsersSimConfig } from './config';
export { zohoInvitePortalUsersSimulation } from './samples';
