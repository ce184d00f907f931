/**
 * Zoho CRM portal bulk invite: the operation the worker runs, and its input type. The simulator lives in
 * `simulator/` and is never exported from here.
 */
export { zohoInvitePortalUsers } from './operation';
export type { ZohoInvitePortalUsersInput } from './input';
