/**
 * The claim check's settings (docs/deployment.md#claim-check): which blob store (a directory or an S3-compatible
 * bucket, one or the other), where it is, and the threshold. Parsed by src/config.ts with the rest of the
 * environment; a bad value throws `ConfigError` naming its variable.
 */
import { z } from 'zod';
import { ConfigError } from '../domain/errors';
import type { SharedFileMode } from '../fs/shared-files';
import { DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES } from './codec';
import type { S3StoreSettings } from './s3-blob-store';

export const CLAIM_CHECK_DIR_VARIABLE = 'BULKFLOW_CLAIM_CHECK_DIR';
export const S3_BUCKET_VARIABLE = 'BULKFLOW_CLAIM_CHECK_S3_BUCKET';
/** The key prefix when none is set: blobs stay apart from the rest of the bucket, and a lifecycle rule names them. */
export const DEFAULT_S3_PREFIX = 'claim-check/';
/** The region when none is set: AWS's default, and what MinIO and Ceph answer to unless configured otherwise. */
export const DEFAULT_S3_REGION = 'us-east-1';

/** Whether the claim check is on, where its blobs go, and from which size. */
export type ClaimCheckConfig = {
  /** Payloads larger than this go to the store. */
  readonly thresholdBytes: number;
} & (
  | {
      /** Directory of the blob store, shared by every client and worker of a deployment. */
      readonly dir: string;
      /** Who may read the blobs: the owner only (default), or its group too. */
      readonly fileMode?: SharedFileMode;
      readonly s3?: undefined;
    }
  | {
      /** The S3-compatible bucket of the blob store, shared by every client and worker of a deployment. */
      readonly s3: S3StoreSettings;
      readonly dir?: undefined;
    }
);

/** An optional setting that counts as unset when empty (as in a fresh copy of an example env file). */
function optional<T extends z.ZodTypeAny>(schema: T) {
  return emptyAsUnset(schema.optional());
}

/** `schema`, with an empty value counting as unset (a fresh copy of an example env file); src/config.ts uses it. */
export function emptyAsUnset<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema);
}

const BucketSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3-63 lowercase letters, digits, dots, hyphens');
const EndpointSchema = z
  .string()
  .refine(
    (value) => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol),
    'must be an http(s) URL such as http://minio:9000',
  );
const PrefixSchema = z
  .string()
  .max(512)
  .refine((value) => !value.startsWith('/'), 'must not start with /')
  // One folder-like level per `/`: the blobs are `<prefix><sha256>`.
  .transform((value) => (value.endsWith('/') ? value : `${value}/`));
const RegionSchema = z.string().regex(/^[a-z0-9-]+$/, 'must be a region name such as eu-central-1');

/** The environment variables of the claim check, as a zod shape for src/config.ts's schema. */
export const CLAIM_CHECK_ENV_SHAPE = {
  /** Blob store on a directory, shared by the API, the CLI and the workers; unset (and no bucket): payloads inline. */
  BULKFLOW_CLAIM_CHECK_DIR: z.string().min(1).optional(),
  /** Blob store on an S3-compatible bucket instead (credentials: the AWS SDK's default chain). */
  BULKFLOW_CLAIM_CHECK_S3_BUCKET: optional(BucketSchema),
  /** An S3-compatible server (MinIO, Ceph RGW); unset: AWS S3. */
  BULKFLOW_CLAIM_CHECK_S3_ENDPOINT: optional(EndpointSchema),
  BULKFLOW_CLAIM_CHECK_S3_PREFIX: optional(PrefixSchema),
  BULKFLOW_CLAIM_CHECK_S3_REGION: optional(RegionSchema),
  /** `true`: the bucket goes in the path (`endpoint/bucket/key`), as MinIO and Ceph usually need. */
  BULKFLOW_CLAIM_CHECK_S3_FORCE_PATH_STYLE: optional(z.enum(['true', 'false'])),
  BULKFLOW_CLAIM_CHECK_THRESHOLD_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(1_500_000)
    .default(DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES),
} as const;

type ClaimCheckEnv = z.infer<z.ZodObject<typeof CLAIM_CHECK_ENV_SHAPE>>;

/** The settings that only mean something with a bucket. */
const S3_DETAIL_VARIABLES = [
  'BULKFLOW_CLAIM_CHECK_S3_ENDPOINT',
  'BULKFLOW_CLAIM_CHECK_S3_PREFIX',
  'BULKFLOW_CLAIM_CHECK_S3_REGION',
  'BULKFLOW_CLAIM_CHECK_S3_FORCE_PATH_STYLE',
] as const;

function s3SettingsOf(e: ClaimCheckEnv, bucket: string): S3StoreSettings {
  const endpoint = e.BULKFLOW_CLAIM_CHECK_S3_ENDPOINT;
  return {
    bucket,
    prefix: e.BULKFLOW_CLAIM_CHECK_S3_PREFIX ?? DEFAULT_S3_PREFIX,
    region: e.BULKFLOW_CLAIM_CHECK_S3_REGION ?? DEFAULT_S3_REGION,
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: e.BULKFLOW_CLAIM_CHECK_S3_FORCE_PATH_STYLE === 'true',
  };
}

/**
 * The claim check of a parsed environment; undefined when neither store is set. Thrown: `ConfigError` naming both
 * variables when a directory and a bucket are both set, or naming an S3 setting given without a bucket.
 */
export function claimCheckOf(e: ClaimCheckEnv, fileMode: SharedFileMode): ClaimCheckConfig | undefined {
  const dir = e.BULKFLOW_CLAIM_CHECK_DIR;
  const bucket = e.BULKFLOW_CLAIM_CHECK_S3_BUCKET;
  const thresholdBytes = e.BULKFLOW_CLAIM_CHECK_THRESHOLD_BYTES;
  if (dir && bucket)
    throw new ConfigError(CLAIM_CHECK_DIR_VARIABLE, `set this or ${S3_BUCKET_VARIABLE}, not both (one blob store)`);
  if (bucket) return { s3: s3SettingsOf(e, bucket), thresholdBytes };
  const stray = S3_DETAIL_VARIABLES.find((name) => e[name] !== undefined);
  if (stray) throw new ConfigError(stray, `needs ${S3_BUCKET_VARIABLE} (the bucket of the blob store)`);
  return dir ? { dir, thresholdBytes, fileMode } : undefined;
}

/** Every variable that chooses or places the blob store (the threshold aside). */
export const CLAIM_CHECK_STORE_VARIABLES: readonly string[] = [
  CLAIM_CHECK_DIR_VARIABLE,
  S3_BUCKET_VARIABLE,
  ...S3_DETAIL_VARIABLES,
];

/** True when `env` sets any variable of the blob store: then it chooses the store, and no default adds one. */
export function setsClaimCheckStore(env: Readonly<Record<string, string | undefined>>): boolean {
  return CLAIM_CHECK_STORE_VARIABLES.some((name) => Boolean(env[name]));
}

/** A directory store in `dir` for a process whose environment chose no blob store; nothing when it chose one. */
export function defaultBlobDirEnv(
  env: Readonly<Record<string, string | undefined>>,
  dir: string,
): Record<string, string> {
  return setsClaimCheckStore(env) ? {} : { [CLAIM_CHECK_DIR_VARIABLE]: dir };
}

/** The variables that configure the bucket of `s3` (credentials are never among them). */
export function s3StoreEnv(s3: Omit<S3StoreSettings, 'endpoint'> & { readonly endpoint?: string | undefined }) {
  const env: Record<string, string> = {
    [S3_BUCKET_VARIABLE]: s3.bucket,
    BULKFLOW_CLAIM_CHECK_S3_PREFIX: s3.prefix,
    BULKFLOW_CLAIM_CHECK_S3_REGION: s3.region,
    BULKFLOW_CLAIM_CHECK_S3_FORCE_PATH_STYLE: String(s3.forcePathStyle),
    ...(s3.endpoint ? { BULKFLOW_CLAIM_CHECK_S3_ENDPOINT: s3.endpoint } : {}),
  };
  return env;
}
