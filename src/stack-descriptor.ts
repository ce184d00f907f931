/**
 * The embedded stack's descriptor (docs/decisions.md, "The CLI finds the embedded stack"): `npm start` writes
 * `stack.json` (0600) into its data folder, saying where its Temporal, API, Web UI and codec server are and where its
 * key file, tenant key store, claim-check blobs and listing-cursor secret lie: paths only, never a key. A client with no Temporal address
 * configured (the CLI, the typed client) reads it, so beside `npm start` nothing has to be set; explicit settings
 * always win, and when a setting names a Temporal (src/client/temporal-location.ts) the descriptor is not read at all.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { CLAIM_CHECK_DIR_VARIABLE, s3StoreEnv, setsClaimCheckStore } from './claim-check/config';
import type { ClaimCheckConfig } from './claim-check/config';
import { KEYS_VARIABLE, KEY_FILE_VARIABLE } from './codec/master-keys';
import { ConfigError, errorMessage } from './domain/errors';
import { firstField } from './domain/field-path';
import { ensureDir, replaceAtomically } from './fs/shared-files';
import { isProcessAlive } from './fs/pid-lock';
import { projectRoot } from './fs/project-root';

export const STACK_DESCRIPTOR_FILE = 'stack.json';
/** Names the folder the embedded stack keeps its data in (default: `.data` of the checkout). */
export const DEV_DATA_DIR_VARIABLE = 'BULKFLOW_DEV_DATA_DIR';
/** The checkout this code runs from (`src/..`, and `dist/..` once built). */
const CHECKOUT_ROOT = projectRoot(__dirname);

export const StackDescriptorSchema = z.object({
  kind: z.literal('bulkflow-embedded-stack'),
  pid: z.number().int().positive(),
  startedAt: z.string(),
  temporal: z.object({ address: z.string().min(1), namespace: z.string().min(1), taskQueue: z.string().min(1) }),
  urls: z.object({
    api: z.string(),
    ui: z.string().optional(),
    codec: z.string().optional(),
    simulator: z.string().optional(),
    /** The stack's Prometheus `/metrics`, when BULKFLOW_METRICS_PORT is set. */
    metrics: z.string().optional(),
  }),
  /** Absent when the stack's master keys came from the environment (never written here). */
  keyFile: z.string().optional(),
  tenantKeyDir: z.string().optional(),
  claimCheckDir: z.string().optional(),
  /** The claim check's bucket, when the stack keeps its blobs in one: where it is, never a credential. */
  claimCheckS3: z
    .object({
      bucket: z.string().min(1),
      prefix: z.string(),
      region: z.string().min(1),
      endpoint: z.string().optional(),
      forcePathStyle: z.boolean(),
    })
    .optional(),
  /** The file of the listing cursors' secret the stack made for itself; absent when it came from the environment. */
  cursorSecretFile: z.string().optional(),
  /** The log file of a stack started on a terminal. */
  logFile: z.string().optional(),
});
export type StackDescriptor = z.infer<typeof StackDescriptorSchema>;

/** A descriptor found on disk, and the file it was read from. */
export interface FoundStackDescriptor {
  readonly path: string;
  readonly descriptor: StackDescriptor;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The data folder of the embedded stack: `BULKFLOW_DEV_DATA_DIR`, else `.data` of the checkout. */
export function devDataRoot(env: Env): string {
  return resolve(env[DEV_DATA_DIR_VARIABLE] || join(CHECKOUT_ROOT, '.data'));
}

/** Writes `descriptor` into `dataDir` (0600 in a 0700 folder, atomically); returns the file's path. */
export async function writeStackDescriptor(dataDir: string, descriptor: StackDescriptor): Promise<string> {
  const path = join(dataDir, STACK_DESCRIPTOR_FILE);
  const modes = { file: 0o600, dir: 0o700 };
  await ensureDir(dataDir, modes);
  await replaceAtomically(path, `${JSON.stringify(descriptor, null, 2)}\n`, modes);
  return path;
}

/** The descriptor in `path`; undefined when there is no such file. Thrown when it does not read: `ConfigError`. */
export function readStackDescriptor(path: string): FoundStackDescriptor | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(path, errorMessage(err));
  }
  const parsed = StackDescriptorSchema.safeParse(raw);
  if (!parsed.success) {
    const { field, message } = firstField('', parsed.error.issues);
    throw new ConfigError(`${path}: ${field}`, message);
  }
  return { path, descriptor: parsed.data };
}

/** The data roots looked in, in order: `BULKFLOW_DEV_DATA_DIR`, then `./.data`, then the checkout's `.data`. */
function candidateRoots(env: Env, cwd: string): string[] {
  const roots = [
    ...(env[DEV_DATA_DIR_VARIABLE] ? [devDataRoot(env)] : []),
    join(resolve(cwd), '.data'),
    join(CHECKOUT_ROOT, '.data'),
  ];
  return [...new Set(roots)];
}

/** Of the descriptors in `paths` that exist: one whose stack is alive first, else the one started last. */
export function pickStackDescriptor(paths: readonly string[]): FoundStackDescriptor | undefined {
  const found = paths.flatMap((path) => readStackDescriptor(path) ?? []);
  const live = found.filter(({ descriptor }) => isProcessAlive(descriptor.pid));
  const pool = live.length > 0 ? live : found;
  return pool.reduce<FoundStackDescriptor | undefined>(
    (best, next) => (best && best.descriptor.startedAt >= next.descriptor.startedAt ? best : next),
    undefined,
  );
}

/**
 * The descriptor of the embedded stack beside this process: from the first data root that holds one, of
 * `BULKFLOW_DEV_DATA_DIR`, `./.data` and the checkout's `.data` (its `simulated/stack.json` or its `stack.json`,
 * by `pickStackDescriptor`). Undefined when there is none.
 */
export function findStackDescriptor(env: Env, cwd = process.cwd()): FoundStackDescriptor | undefined {
  for (const root of candidateRoots(env, cwd)) {
    const found = pickStackDescriptor([
      join(root, 'simulated', STACK_DESCRIPTOR_FILE),
      join(root, STACK_DESCRIPTOR_FILE),
    ]);
    if (found) return found;
  }
  return undefined;
}

/** The secret kept in `path`; undefined when the file is gone (a stack whose data folder was removed). */
function keptSecretIn(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(path, errorMessage(err));
  }
}

/** The variables that point a client at the stack's blob store (its bucket takes precedence over a directory). */
function claimCheckStoreEnv({ claimCheckS3, claimCheckDir }: StackDescriptor): Record<string, string> {
  if (claimCheckS3) return s3StoreEnv(claimCheckS3);
  return claimCheckDir ? { [CLAIM_CHECK_DIR_VARIABLE]: claimCheckDir } : {};
}

/** Where the descriptor says a stack configured with `claimCheck` keeps its blobs (a directory as an absolute path). */
export function claimCheckPlace(claimCheck: ClaimCheckConfig | undefined): Partial<StackDescriptor> {
  if (!claimCheck) return {};
  return claimCheck.s3 ? { claimCheckS3: claimCheck.s3 } : { claimCheckDir: resolve(claimCheck.dir) };
}

const KEY_VARIABLES = [KEYS_VARIABLE, KEY_FILE_VARIABLE, 'BULKFLOW_TENANT_KEY_DIR'];

/** The settings a descriptor supplies to an environment: each only where the environment sets nothing. */
export function descriptorSettings(env: Env, descriptor: StackDescriptor): Record<string, string> {
  const { temporal, keyFile, tenantKeyDir, cursorSecretFile } = descriptor;
  const settings: Record<string, string> = { TEMPORAL_ADDRESS: temporal.address };
  if (!env['TEMPORAL_NAMESPACE']) settings['TEMPORAL_NAMESPACE'] = temporal.namespace;
  if (!env['BULKFLOW_TASK_QUEUE']) settings['BULKFLOW_TASK_QUEUE'] = temporal.taskQueue;
  // The blob store is one setting too: a process that names a directory or a bucket keeps its own.
  if (!setsClaimCheckStore(env)) Object.assign(settings, claimCheckStoreEnv(descriptor));
  // The keys are one setting: a process given any key variable keeps its own.
  if (KEY_VARIABLES.every((name) => !env[name]) && keyFile && tenantKeyDir) {
    settings[KEY_FILE_VARIABLE] = keyFile;
    settings['BULKFLOW_TENANT_KEY_DIR'] = tenantKeyDir;
  }
  // A cursor that one CLI run prints (`more: --cursor …`) is read by the next only under the stack's own secret.
  const cursorSecret = !env['BULKFLOW_CURSOR_SECRET'] && cursorSecretFile ? keptSecretIn(cursorSecretFile) : undefined;
  if (cursorSecret) settings['BULKFLOW_CURSOR_SECRET'] = cursorSecret;
  return settings;
}

/**
 * `env` completed from the embedded stack's descriptor when it names no Temporal address (else `env` as is), and the
 * descriptor used. Thrown when a descriptor file does not read: `ConfigError` naming the file.
 */
export function withEmbeddedStack(env: Env, cwd?: string): { env: Env; stack?: FoundStackDescriptor } {
  if (env['TEMPORAL_ADDRESS']) return { env };
  const stack = findStackDescriptor(env, cwd);
  if (!stack) return { env };
  return { env: { ...env, ...descriptorSettings(env, stack.descriptor) }, stack };
}
