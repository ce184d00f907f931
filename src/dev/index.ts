/**
 * `npm start` (and `bulkflow dev`): the embedded stack plus the HTTP API, kept running until SIGINT/SIGTERM.
 * Temporal state persists in .data/temporal.db with real provider connections, and in .data/simulated/temporal.db
 * on the simulators, so the simulators' dev API key never reads a configured run's jobs. Payloads are encrypted
 * under a master key made on the first run beside the database (src/dev/dev-keys.ts). The Web UI is on
 * http://127.0.0.1:8233 and decodes through the codec server on http://127.0.0.1:8081. Ports: TEMPORAL_DEV_PORT
 * (7233), TEMPORAL_UI_PORT (8233), BULKFLOW_SIMULATOR_PORT (8787), BULKFLOW_API_PORT (8080), BULKFLOW_CODEC_PORT (8081).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startApiServer } from '../api/server';
import { sha256Hex } from '../api-keys-config';
import { BulkJobClient } from '../client';
import { isLoopbackHost } from '../codec/plaintext-policy';
import type { AppConfig } from '../config';
import { createLogger } from '../logger';
import { stopOnSignals } from '../shutdown';
import { noProviderConfigured, startEmbeddedStack } from './embedded-stack';
import { PROJECT_ROOT } from './tools';

/**
 * API key of the embedded stack when it runs on the simulators, no key is configured and the API listens on a
 * loopback address only: a well-known key guards nothing beyond this machine's own simulated jobs.
 */
export const DEV_API_KEY = 'bulkflow-dev-api-key';

export { isLoopbackHost };

/** The config with the dev key added when it is safe (see DEV_API_KEY); the reason when it is not. */
export function withDevKey(config: AppConfig, simulated: boolean): { config: AppConfig; refused?: string } {
  if (!simulated || config.api.keys.length > 0) return { config };
  if (!isLoopbackHost(config.api.host)) {
    return { config, refused: `the API listens on ${config.api.host}, not a loopback address` };
  }
  const keys = [{ caller: 'dev', keySha256: sha256Hex(DEV_API_KEY), tenants: '*' as const }];
  return { config: { ...config, api: { ...config.api, keys } } };
}

/** Starts everything and stops it on SIGINT/SIGTERM. Thrown when a part cannot start. */
export async function runDevStack(env: Readonly<Record<string, string | undefined>> = process.env): Promise<void> {
  const log = createLogger(env['BULKFLOW_LOG_LEVEL'] ?? 'info');
  const port = Number(env['TEMPORAL_DEV_PORT'] ?? 7233);
  const dataDir = noProviderConfigured(env) ? join(PROJECT_ROOT, '.data', 'simulated') : join(PROJECT_ROOT, '.data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const stack = await startEmbeddedStack({
    server: {
      dbFilename: join(dataDir, 'temporal.db'),
      port,
      uiPort: Number(env['TEMPORAL_UI_PORT'] ?? port + 1000),
    },
    simulatorPort: Number(env['BULKFLOW_SIMULATOR_PORT'] ?? 8787),
    env,
    log,
  });
  const jobs = await BulkJobClient.connect(stack.config.temporal);
  const dev = withDevKey(stack.config, stack.sim !== undefined);
  if (dev.refused) log.warn({ reason: dev.refused }, 'the dev API key is off: configure api keys (BULKFLOW_API_KEY)');
  const api = await startApiServer({ config: dev.config, jobs, log });
  log.info(
    {
      temporal: stack.config.temporal.address,
      ui: stack.server.uiUrl,
      codec: stack.codec?.url,
      simulator: stack.sim?.url,
      api: api.url,
    },
    'bulkflow is up',
  );
  stopOnSignals({
    name: 'bulkflow',
    log,
    stop: async () => {
      await api.close();
      await jobs.close();
      await stack.stop();
    },
  });
}

if (require.main === module) {
  runDevStack().catch((err: unknown) => {
    createLogger('error').fatal({ err }, 'bulkflow failed to start');
    process.exit(1);
  });
}
