/** Zoho CRM portal bulk invite limits (docs/contracts.md#zohoinviteportalusers-limits). */
import type { OperationLimits } from '../types';

/**
 * Records per bulk invite request. Zoho documents no maximum (UNCONFIRMED,
 * docs/contracts.md#zohoinviteportalusers-unconfirmed-points): 100 is our conservative choice, the size Zoho documents
 * for its other record APIs, so one rejected call never costs more than 100 invites.
 */
export const MAX_RECORDS_PER_REQUEST = 100;

/** Invites per bulk job accepted from a caller (our own bound, keeps plans and payloads sane). */
export const MAX_INVITES_PER_JOB = 100_000;

/** API versions whose portal invite pages document this API (v4–v8, identical in substance). */
export const ZOHO_API_VERSIONS = ['v4', 'v5', 'v6', 'v7', 'v8'] as const;
export type ZohoApiVersion = (typeof ZOHO_API_VERSIONS)[number];

/** The version used when the input names none: the newest documented one. */
export const DEFAULT_API_VERSION: ZohoApiVersion = 'v8';

/**
 * Limits of `zoho.invitePortalUsers`. Zoho's concurrency limit per org/app starts at 5 on the Free edition (10–25 on
 * paid editions) [2nd source, docs/contracts.md#zohoinviteportalusers-limits]: `tenantPermits: 5` keeps every edition
 * within it, counting one permit per provider job we start and poll. Two batches of one bulk job at a time leave room
 * for other bulk jobs of the org.
 */
export const ZOHO_INVITE_PORTAL_USERS_LIMITS: OperationLimits = {
  maxItemsPerBatch: MAX_RECORDS_PER_REQUEST,
  maxConcurrentBatches: 2,
  pollIntervalMs: 5_000,
  tenantPermits: 5,
};
