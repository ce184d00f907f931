/**
 * `npm start`: the embedded stack, kept running until SIGINT/SIGTERM. Temporal state persists in .data/temporal.db;
 * the Web UI is on http://127.0.0.1:8233. Ports: TEMPORAL_DEV_PORT (7233), TEMPORAL_UI_PORT (8233),
 * BULKFLOW_SIMULATOR_PORT (8787).
 */
import { join } from 'node:path';
import { createLogger } from '../logger';
import { startEmbeddedStack } from './embedded-stack';
import { PROJECT_ROOT } from './tools';

async function main(): Promise<void> {
  const env = process.env;
  const log = createLogger(env['BULKFLOW_LOG_LEVEL'] ?? 'info');
  const port = Number(env['TEMPORAL_DEV_PORT'] ?? 7233);
  const stack = await startEmbeddedStack({
    server: {
      dbFilename: join(PROJECT_ROOT, '.data', 'temporal.db'),
      port,
      uiPort: Number(env['TEMPORAL_UI_PORT'] ?? port + 1000),
    },
    simulatorPort: Number(env['BULKFLOW_SIMULATOR_PORT'] ?? 8787),
    env,
    log,
  });
  log.info(
    { temporal: stack.config.temporal.address, ui: stack.server.uiUrl, simulator: stack.sim?.url },
    'bulkflow is up',
  );
  const shutdown = (signal: string): void => {
    log.info({ signal }, 'stopping');
    stack.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  createLogger('error').fatal({ err }, 'bulkflow failed to start');
  process.exit(1);
});
