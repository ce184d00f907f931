/**
 * API keys of the HTTP API, from the `api.keys` section of the BULKFLOW_CONFIG file and the `BULKFLOW_API_KEY`
 * variable. Keys are kept only as SHA-256 digests once loaded; plain `key` entries are for local development.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { RequestedBySchema, TenantSchema } from './domain/request';

/** Tenants a key may act on: `'*'` for all, or a list. */
export type TenantGrant = '*' | readonly string[];

/** One API key, as the API checks it. */
export interface ApiKeyConfig {
  /** Caller identity, recorded as `requestedBy` (search attribute `BulkRequestedBy`). */
  readonly caller: string;
  /** Lower-case hex SHA-256 of the key. */
  readonly keySha256: string;
  readonly tenants: TenantGrant;
}

export const ApiKeyEntrySchema = z
  .strictObject({
    /** Recorded as `requestedBy`, so held to its rule (domain/safe-text.ts `requesterProblem`). */
    caller: RequestedBySchema,
    /** Preferred: `printf %s "$KEY" | sha256sum`. */
    keySha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'keySha256 must be 64 hex digits')
      .optional(),
    /** Plain key: local development only (the file should hold no secrets). */
    key: z.string().min(16, 'key must be at least 16 characters').optional(),
    tenants: z.union([z.literal('*'), z.array(TenantSchema).min(1)]),
  })
  .refine((entry) => (entry.key === undefined) !== (entry.keySha256 === undefined), {
    message: 'give exactly one of key and keySha256',
  });

export const ApiFileSectionSchema = z.strictObject({ keys: z.array(ApiKeyEntrySchema).default([]) });

/** SHA-256 of a presented key, lower-case hex. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Keys of the config file, plain ones hashed. */
export function apiKeysOf(section: z.infer<typeof ApiFileSectionSchema> | undefined): ApiKeyConfig[] {
  return (section?.keys ?? []).map((entry) => ({
    caller: entry.caller,
    keySha256: entry.keySha256?.toLowerCase() ?? sha256Hex(entry.key ?? ''),
    tenants: entry.tenants,
  }));
}

/** The key of `BULKFLOW_API_KEY` (all tenants), when set. */
export function apiKeyFromEnv(key: string | undefined, caller: string): ApiKeyConfig[] {
  return key ? [{ caller, keySha256: sha256Hex(key), tenants: '*' }] : [];
}
