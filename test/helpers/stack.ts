/**
 * One integration "stack" per test file: the provider simulators on a free port, a worker on its own task queue
 * (real activities over real HTTP, workflows bundled once), and a BulkJobClient — all against the dev server
 * that global-setup started, unless the options name another Temporal.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { CLAIM_CHECK_STORE_VARIABLES, defaultBlobDirEnv } from '../../src/claim-check/config';
import { buildDataConverter } from '../../src/data-converter';
import { BulkJobClient } from '../../src/client';
import { loadConfig } from '../../src/config';
import type { AppConfig } from '../../src/config';
import { plainEndpoint } from '../../src/temporal-connection';
import { simulatedConnectionsAuth, simulatedConnectionsEnv } from '../../src/dev/simulated-connections';
import type { WebexMoveUsersSimulator } from '../../src/providers/webex-move-users/simulator';
import { createAllSimulators } from '../../src/simulator-registry';
import type { AllSimulatorsOptions, SimulatorOf } from '../../src/simulator-registry';
import type { OperationId, ProviderName } from '../../src/domain/job';
import { connectionAuthOf } from '../../src/providers/registry';
import { startSimulator } from '../../src/simulator/server';
import type { SimulatorServer } from '../../src/simulator/server';
import { DEFAULT_DELAY_POLICY } from '../../src/http/retry-after';
import { createWorker } from '../../src/worker-factory';
import { connectionPerJobProviders, type JobConnections } from './storm-jobs';
import { connectTemporal, uniqueTaskQueue } from './temporal';
import { prebuiltBundle } from './workflow-bundles';
import type { TestTemporal } from './temporal';

export const TEST_TOKEN = 'test-token-for-simulator';
export const TEST_FULLSTORY_KEY = 'test-fullstory-api-key';
export const TEST_ORACLE_USER = 'sim-admin';
export const TEST_ORACLE_PASSWORD = 'sim-password';

/** Credentials of the connections to the simulators. */
const TEST_CREDENTIALS = {
  token: TEST_TOKEN,
  apiKey: TEST_FULLSTORY_KEY,
  username: TEST_ORACLE_USER,
  password: TEST_ORACLE_PASSWORD,
};

/** Every provider's `default` connection, pointed at the simulator with credentials it accepts. */
export function providerEnv(url: string): Record<string, string> {
  return simulatedConnectionsEnv(url, TEST_CREDENTIALS);
}

/**
 * `BULKFLOW_CONFIG` naming `count` more connections to the simulator at `url` for each provider whose storm jobs run
 * on a connection of their own (`oracle-1` …): each is a tenant of its own, so their jobs run side by side. The file
 * is written to `dir`.
 */
export function jobConnectionsEnv(
  url: string,
  count: number,
  dir: string,
): { env: Record<string, string>; names: JobConnections } {
  const names: Partial<Record<ProviderName, string[]>> = {};
  const connections: Record<string, Record<string, Record<string, string>>> = {};
  for (const provider of connectionPerJobProviders()) {
    const credentials = connectionAuthOf(provider).credentials.map((field) => [field, TEST_CREDENTIALS[field]]);
    const connection = { baseUrl: url, ...Object.fromEntries(credentials) };
    names[provider] = Array.from({ length: count }, (_, i) => `${provider}-${i + 1}`);
    connections[provider] = Object.fromEntries(names[provider].map((name) => [name, connection]));
  }
  const file = join(dir, 'job-connections.json');
  writeFileSync(file, JSON.stringify({ connections }));
  return { env: { BULKFLOW_CONFIG: file }, names };
}

export interface Stack {
  readonly temporal: TestTemporal;
  readonly sim: SimulatorServer;
  readonly webexMove: WebexMoveUsersSimulator;
  /** The simulator of an operation, by its id (e.g. `webex.moveUsers`). */
  simulator<Id extends OperationId>(id: Id): SimulatorOf<Id>;
  readonly config: AppConfig;
  readonly jobs: BulkJobClient;
  /** The environment the configuration was loaded from (for worker processes). */
  readonly env: Readonly<Record<string, string>>;
  /** A Temporal client of the stack's namespace with its data converter (decrypts what the stack wrote). */
  readonly client: Client;
  /** The stack's own directory: `blobs/` (claim check) and `tenant-keys/` (data keys). */
  readonly dir: string;
  close(): Promise<void>;
}

export interface StackOptions {
  readonly name: string;
  /** Extra env for loadConfig (e.g. a second connection), or a function of the simulator's URL that returns it. */
  readonly env?: Readonly<Record<string, string>> | ((simUrl: string) => Readonly<Record<string, string>>);
  /** Simulator configuration; Webex Move Users defaults to completing on the 3rd status read. */
  readonly simulators?: AllSimulatorsOptions;
  /** Run a worker in this process (default). Crash tests run workers as child processes instead. */
  readonly inProcessWorker?: boolean;
  /** Another Temporal than global-setup's dev server (e.g. one with its Web UI); the stack closes it. */
  readonly temporal?: TestTemporal;
  /**
   * `false`: the in-process worker keeps no cooldown per rate-limit scope, so a `Retry-After` holds back only the
   * request it answered (for timelines that must show the provider's own waits, not the worker's pace after them).
   */
  readonly sharedCooldown?: false;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const temporal = options.temporal ?? (await connectTemporal());
  const simulators = createAllSimulators({ 'webex.moveUsers': { pollsToComplete: 3 }, ...options.simulators });
  const sim = await startSimulator({
    simulators,
    auth: { ...simulatedConnectionsAuth(TEST_CREDENTIALS), forbiddenTokens: ['forbidden-token'] },
  });
  const simulator = <Id extends OperationId>(id: Id): SimulatorOf<Id> => {
    const found = simulators.find((s) => s.name === id);
    if (!found) throw new Error(`no simulator named ${id}`);
    // createAllSimulators made the simulator named `id` with the factory registered for `id`.
    return found as SimulatorOf<Id>;
  };
  const webexMove = simulator('webex.moveUsers');
  const dir = mkdtempSync(join(tmpdir(), `bulkflow-stack-${options.name}-`));
  const extra = typeof options.env === 'function' ? options.env(sim.url) : (options.env ?? {});
  const env = {
    TEMPORAL_ADDRESS: temporal.address,
    // Every stack runs with the claim check on (payloads over the threshold go to this store, unless the options
    // name a bucket)…
    ...defaultBlobDirEnv(extra, join(dir, 'blobs')),
    // …and with payload encryption, under a master key of its own.
    ...testEncryptionEnv(dir),
    BULKFLOW_TASK_QUEUE: uniqueTaskQueue(options.name),
    BULKFLOW_LOG_LEVEL: 'warn',
    ...providerEnv(sim.url),
    ...extra,
  };
  const config = loadConfig(env, { endpoint: plainEndpoint(temporal.address) });
  const client = new Client({
    connection: temporal.client.connection,
    namespace: config.temporal.namespace,
    dataConverter: buildDataConverter(config.temporal),
  });
  const stopWorker =
    options.inProcessWorker === false
      ? async () => {}
      : await runWorker(config, temporal, client, options.sharedCooldown !== false);
  const jobs = new BulkJobClient(client, config.temporal.taskQueue);
  return {
    temporal,
    sim,
    webexMove,
    simulator,
    config,
    jobs,
    env,
    client,
    dir,
    async close() {
      await stopWorker();
      await sim.close();
      await temporal.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * What a client of the stack needs from its environment: Temporal, the task queue, the keys and the blob store (a
 * bucket's credentials come from the SDK's chain, as in production).
 */
const CLIENT_VARIABLES = [
  'TEMPORAL_ADDRESS',
  'BULKFLOW_TASK_QUEUE',
  ...CLAIM_CHECK_STORE_VARIABLES,
  'BULKFLOW_ENCRYPTION_KEYS',
  'BULKFLOW_ENCRYPTION_KEY_FILE',
  'BULKFLOW_TENANT_KEY_DIR',
];

/** The environment a client process (the CLI, another service) of `stack` runs with: no provider connection. */
export function clientEnv(stack: Pick<Stack, 'env'>): Record<string, string> {
  return Object.fromEntries(CLIENT_VARIABLES.flatMap((name) => (stack.env[name] ? [[name, stack.env[name]]] : [])));
}

/** Encryption for a stack in `dir`: a fresh random master key, and the tenant key store in `dir/tenant-keys`. */
export function testEncryptionEnv(dir: string): Record<string, string> {
  return {
    BULKFLOW_ENCRYPTION_KEYS: `stack:${randomBytes(32).toString('base64')}`,
    BULKFLOW_TENANT_KEY_DIR: join(dir, 'tenant-keys'),
  };
}

/** Runs a worker in this process; returns how to stop it. */
async function runWorker(
  config: AppConfig,
  temporal: TestTemporal,
  client: Client,
  sharedCooldown: boolean,
): Promise<() => Promise<void>> {
  const worker = await createWorker({
    config,
    connection: temporal.nativeConnection,
    workflowBundle: prebuiltBundle('production'),
    shutdownGraceTime: '1s',
    // Backoff for 5xx starts at 100 ms here (1 s in production) to keep the suite fast.
    deps: {
      temporalClient: () => Promise.resolve(client),
      delayPolicy: { ...DEFAULT_DELAY_POLICY, initialBackoffMs: 100, maxBackoffMs: 2_000 },
      ...(sharedCooldown ? {} : { scopeCooldowns: undefined }),
    },
  });
  const running = worker.run();
  return async () => {
    worker.shutdown();
    await running;
  };
}
