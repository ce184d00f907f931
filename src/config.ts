/**
 * Configuration, parsed once with zod from the environment and the optional `BULKFLOW_CONFIG` file (JSON or YAML).
 * The task queue and namespace are defined here and nowhere else. Invalid configuration throws `ConfigError`
 * naming the variable or the file path of the offending value.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ApiFileSectionSchema, apiKeyFromEnv, apiKeysOf } from './api-keys-config';
import { CLAIM_CHECK_ENV_SHAPE, claimCheckOf, emptyAsUnset } from './claim-check/config';
import type { ClaimCheckConfig } from './claim-check/config';
import { KEYS_VARIABLE, KEY_FILE_VARIABLE, parseMasterKeysEnv, readKeyFile } from './codec/master-keys';
import { SHARED_FILE_MODES } from './fs/shared-files';
import type { EncryptionConfig } from './codec/encryption-config';
import type { CodecServerSettings } from './codec/server/server';
import type { ApiKeyConfig } from './api-keys-config';
import { ConnectionsFileSectionSchema, connectionsOf } from './connections-config';
import type { Connections } from './connections-config';
import { ConfigError, errorMessage } from './domain/errors';
import { firstField } from './domain/field-path';
import { RequestedBySchema } from './domain/request';
import { allowedNetworksOf } from './http/callback-policy';
import type { CallbackPolicy } from './http/callback-policy';
import { TEMPORAL_VARIABLES, temporalEndpoint } from './temporal-connection';
import type { TemporalEndpoint } from './temporal-connection';

const ConnectionsFileSchema = z
  .object({
    connections: ConnectionsFileSectionSchema.optional(),
    api: ApiFileSectionSchema.optional(),
  })
  .strict();
type ConfigFile = z.infer<typeof ConnectionsFileSchema>;

/** A secret from the environment; empty counts as unset. */
const SecretEnv = emptyAsUnset(z.string().min(16, 'must be at least 16 characters').optional());

/** A setting that counts as unset when empty. */
const OptionalEnv = emptyAsUnset(z.string().min(1).optional());

/** An origin as `URL.origin` writes it: `https://hooks.example.com`, `https://host:8443`. */
const OriginSchema = z
  .string()
  .refine(
    (value) => URL.canParse(value) && new URL(value).origin === value,
    'must be an origin such as https://host:443',
  );
const CidrSchema = z.string().refine((value) => {
  try {
    allowedNetworksOf([value]);
    return true;
  } catch {
    return false;
  }
}, 'must be a CIDR range such as 10.0.0.0/8');

/** An optional comma-separated list whose entries each parse with `item`. */
function commaList(item: z.ZodType<string, string>) {
  return z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    )
    .pipe(z.array(item));
}

const EnvSchema = z.object({
  BULKFLOW_TASK_QUEUE: z.string().min(1).default('bulkflow'),
  /** The claim check's blob store (a directory or an S3-compatible bucket) and threshold; unset: payloads inline. */
  ...CLAIM_CHECK_ENV_SHAPE,
  /** Master keys: `id:base64,…`, the first one primary (src/codec/master-keys.ts); or a key file. */
  BULKFLOW_ENCRYPTION_KEYS: OptionalEnv,
  BULKFLOW_ENCRYPTION_KEY_FILE: OptionalEnv,
  /** The tenant key store (wrapped data keys), shared by the API, the CLI and the workers. */
  BULKFLOW_TENANT_KEY_DIR: OptionalEnv,
  /** Key of listing cursors (HMAC), shared by every process that hands out or reads them (API replicas, CLI). */
  BULKFLOW_CURSOR_SECRET: SecretEnv,
  /** `true`: a worker or API may store plaintext on a Temporal beyond this machine (src/codec/plaintext-policy.ts). */
  BULKFLOW_ALLOW_PLAINTEXT: emptyAsUnset(z.enum(['true', 'false']).default('false')),
  /** Modes of blobs and data keys: `private` (0600/0700) or `group` (0640/0750). */
  BULKFLOW_SHARED_FILE_MODE: emptyAsUnset(z.enum(SHARED_FILE_MODES).default('private')),
  BULKFLOW_CONFIG: z.string().min(1).optional(),
  BULKFLOW_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BULKFLOW_MAX_RETRY_DELAY_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(600_000),
  // At most 12 h: the wait happens inside a start, whose deadline is 24 h.
  BULKFLOW_TENANT_BUSY_WAIT_MS: z.coerce.number().int().min(0).max(43_200_000).default(1_800_000),
  /** How long a workflow task waits for the worker that cached the workflow before any worker may take it. */
  BULKFLOW_STICKY_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /**
   * Workflows a worker keeps in memory between their tasks. 100 by measurement (docs/benchmarks.md, scenario 2): the
   * SDK's default, from the heap limit, held every job at 3.5–7 MiB each (6 GiB with 1,000 jobs in flight).
   */
  BULKFLOW_WORKER_CACHED_WORKFLOWS: emptyAsUnset(z.coerce.number().int().min(1).max(100_000).default(100)),
  BULKFLOW_API_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  BULKFLOW_API_HOST: z.string().min(1).default('127.0.0.1'),
  BULKFLOW_API_KEY: SecretEnv,
  BULKFLOW_API_CALLER: RequestedBySchema.default('api'),
  BULKFLOW_CALLBACK_SECRET: SecretEnv,
  /** Comma-separated origins completion callbacks may go to; unset: callbacks are refused. */
  BULKFLOW_CALLBACK_ORIGINS: commaList(OriginSchema),
  /** Comma-separated CIDR ranges callbacks may reach although private (internal receivers). */
  BULKFLOW_CALLBACK_ALLOWED_NETWORKS: commaList(CidrSchema),
  /** The codec server of the Temporal Web UI (src/codec-server.ts). */
  BULKFLOW_CODEC_HOST: z.string().min(1).default('127.0.0.1'),
  BULKFLOW_CODEC_PORT: z.coerce.number().int().min(0).max(65_535).default(8081),
  /** Comma-separated origins of the Web UI pages allowed to call the codec server. */
  BULKFLOW_CODEC_UI_ORIGINS: commaList(OriginSchema),
  BULKFLOW_CODEC_TOKEN: SecretEnv,
  /** Where the process serves Prometheus `/metrics` (docs/deployment.md#metrics); unset: no metrics endpoint. */
  BULKFLOW_METRICS_PORT: emptyAsUnset(z.coerce.number().int().min(0).max(65_535).optional()),
  BULKFLOW_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
});

export interface AppConfig {
  /**
   * The Temporal (address, namespace, TLS, API key: src/temporal-connection, flags then `TEMPORAL_*` variables then
   * the `temporal` CLI's profile) and what bulkflow keeps in it.
   */
  readonly temporal: TemporalEndpoint & {
    readonly taskQueue: string;
    /**
     * Large payloads go to this blob store (docs/architecture.md#claim-check); every client and worker must share it.
     */
    readonly claimCheck?: ClaimCheckConfig;
    /** Payload encryption with per-tenant data keys (docs/security.md); absent: payloads are stored in plaintext. */
    readonly encryption?: EncryptionConfig;
    /** The operator accepts plaintext payloads on a Temporal beyond this machine. */
    readonly allowPlaintext: boolean;
    /** Key of listing cursors; absent: each client makes a random one, so cursors do not outlive it. */
    readonly cursorSecret?: string;
  };
  readonly logLevel: z.infer<typeof EnvSchema>['BULKFLOW_LOG_LEVEL'];
  /** Upper bound of any single `nextRetryDelay`. */
  readonly maxRetryDelayMs: number;
  /** How long a start waits for a job that is not ours to end in its tenant (a Webex org) before failing its batch. */
  readonly tenantBusyWaitMs: number;
  readonly stickyQueueTimeoutMs: number;
  /** `maxCachedWorkflows` of each worker. */
  readonly workerCachedWorkflows: number;
  readonly connections: Connections;
  /** The HTTP API: where it listens and the keys it accepts (hashed). */
  readonly api: { readonly port: number; readonly host: string; readonly keys: readonly ApiKeyConfig[] };
  /** Key of the completion callbacks' HMAC signature (workers only); never in workflow input or history. */
  readonly callbackSecret?: string;
  /** Where completion callbacks may go (the API checks a request, the worker every connection). */
  readonly callbacks: CallbackPolicy;
  /** The codec server: where it listens, which Web UI origins may call it, the bearer token it asks for. */
  readonly codecServer: CodecServerSettings;
  /** Where the process serves Prometheus `/metrics` (port 0: any free port); absent: nowhere. */
  readonly metrics?: MetricsSettings;
}

export interface MetricsSettings {
  readonly host: string;
  readonly port: number;
}

type Env = Readonly<Record<string, string | undefined>>;

export type TemporalConfig = AppConfig['temporal'];

const TemporalEnvSchema = EnvSchema.pick({
  BULKFLOW_TASK_QUEUE: true,
  BULKFLOW_ENCRYPTION_KEYS: true,
  BULKFLOW_ENCRYPTION_KEY_FILE: true,
  BULKFLOW_TENANT_KEY_DIR: true,
  BULKFLOW_CURSOR_SECRET: true,
  BULKFLOW_ALLOW_PLAINTEXT: true,
  BULKFLOW_SHARED_FILE_MODE: true,
}).extend(CLAIM_CHECK_ENV_SHAPE);
type TemporalEnv = z.infer<typeof TemporalEnvSchema>;

const TENANT_KEY_DIR_VARIABLE = 'BULKFLOW_TENANT_KEY_DIR';

/** Encryption from the master keys (environment or key file) and the tenant key store; none when no key is set. */
function encryptionOf(e: TemporalEnv): EncryptionConfig | undefined {
  const fromEnv = e.BULKFLOW_ENCRYPTION_KEYS;
  const file = e.BULKFLOW_ENCRYPTION_KEY_FILE;
  const dir = e.BULKFLOW_TENANT_KEY_DIR;
  if (fromEnv && file) throw new ConfigError(KEYS_VARIABLE, `set this or ${KEY_FILE_VARIABLE}, not both`);
  if (!fromEnv && !file) {
    if (dir)
      throw new ConfigError(TENANT_KEY_DIR_VARIABLE, `needs master keys (${KEY_FILE_VARIABLE} or ${KEYS_VARIABLE})`);
    return undefined;
  }
  if (!dir) throw new ConfigError(TENANT_KEY_DIR_VARIABLE, 'is required with master keys (the tenant key store)');
  const fileMode = e.BULKFLOW_SHARED_FILE_MODE;
  if (fromEnv) return { masterKeys: parseMasterKeysEnv(fromEnv), tenantKeyDir: dir, fileMode };
  return { masterKeys: readKeyFile(file as string), keyFile: file as string, tenantKeyDir: dir, fileMode };
}

/** How a process finds its Temporal; by default from the environment given (and the profile file it locates). */
export interface TemporalLoadOptions {
  /** Exactly this Temporal, nothing looked up (the embedded stack, a client that already located it). */
  readonly endpoint?: TemporalEndpoint;
  /** Read no `TEMPORAL_*` variable and no `temporal` CLI profile: the default Temporal (the embedded stack's ports). */
  readonly isolated?: boolean;
}

function temporalOf(e: TemporalEnv, env: Env, options: TemporalLoadOptions): TemporalConfig {
  const claimCheck = claimCheckOf(e, e.BULKFLOW_SHARED_FILE_MODE);
  const encryption = encryptionOf(e);
  return {
    ...(options.endpoint ?? temporalEndpoint({ env, isolated: options.isolated === true })),
    taskQueue: e.BULKFLOW_TASK_QUEUE,
    ...(claimCheck ? { claimCheck } : {}),
    ...(encryption ? { encryption } : {}),
    allowPlaintext: e.BULKFLOW_ALLOW_PLAINTEXT === 'true',
    ...(e.BULKFLOW_CURSOR_SECRET ? { cursorSecret: e.BULKFLOW_CURSOR_SECRET } : {}),
  };
}

/**
 * Only the Temporal settings (the Temporal, task queue, payload storage and keys), for clients in other services:
 * nothing else of the environment is read. Thrown when one is invalid: `ConfigError` naming the setting.
 */
export function loadTemporalConfig(env: Env = process.env, options: TemporalLoadOptions = {}): TemporalConfig {
  const parsed = TemporalEnvSchema.safeParse(env);
  if (!parsed.success) {
    const { field, message } = firstField('', parsed.error.issues);
    throw new ConfigError(field, message);
  }
  return temporalOf(parsed.data, env, options);
}

/** Parses env and the config file. Thrown when anything is invalid: `ConfigError` naming the variable or path. */
export function loadConfig(env: Env = process.env, options: TemporalLoadOptions = {}): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const { field, message } = firstField('', parsed.error.issues);
    throw new ConfigError(field, message);
  }
  const e = parsed.data;
  const file = e.BULKFLOW_CONFIG ? readConfigFile(e.BULKFLOW_CONFIG) : {};
  const connections = connectionsOf(file.connections ?? {}, env);
  const apiKeys = [...apiKeysOf(file.api), ...apiKeyFromEnv(e.BULKFLOW_API_KEY, e.BULKFLOW_API_CALLER)];
  return {
    temporal: temporalOf(e, env, options),
    logLevel: e.BULKFLOW_LOG_LEVEL,
    maxRetryDelayMs: e.BULKFLOW_MAX_RETRY_DELAY_MS,
    tenantBusyWaitMs: e.BULKFLOW_TENANT_BUSY_WAIT_MS,
    stickyQueueTimeoutMs: e.BULKFLOW_STICKY_QUEUE_TIMEOUT_MS,
    workerCachedWorkflows: e.BULKFLOW_WORKER_CACHED_WORKFLOWS,
    connections,
    api: { port: e.BULKFLOW_API_PORT, host: e.BULKFLOW_API_HOST, keys: apiKeys },
    ...(e.BULKFLOW_CALLBACK_SECRET ? { callbackSecret: e.BULKFLOW_CALLBACK_SECRET } : {}),
    callbacks: { origins: e.BULKFLOW_CALLBACK_ORIGINS, allowedNetworks: e.BULKFLOW_CALLBACK_ALLOWED_NETWORKS },
    codecServer: {
      host: e.BULKFLOW_CODEC_HOST,
      port: e.BULKFLOW_CODEC_PORT,
      uiOrigins: e.BULKFLOW_CODEC_UI_ORIGINS,
      ...(e.BULKFLOW_CODEC_TOKEN ? { token: e.BULKFLOW_CODEC_TOKEN } : {}),
    },
    ...(e.BULKFLOW_METRICS_PORT === undefined
      ? {}
      : { metrics: { host: e.BULKFLOW_METRICS_HOST, port: e.BULKFLOW_METRICS_PORT } }),
  };
}

function readConfigFile(path: string): ConfigFile {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`BULKFLOW_CONFIG (${path})`, errorMessage(err));
  }
  const result = ConnectionsFileSchema.safeParse(raw);
  if (!result.success) {
    const { field, message } = firstField('', result.error.issues);
    throw new ConfigError(`${path}: ${field}`, message);
  }
  return result.data;
}

/** Every environment variable `loadConfig` reads by name (provider connections' variables aside). */
export const CONFIG_VARIABLES: readonly string[] = [...Object.keys(EnvSchema.shape), ...TEMPORAL_VARIABLES];
