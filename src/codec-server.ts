/**
 * The codec server process (`npm run codec-server`, `node dist/codec-server.js`): configuration → logger → the
 * payload codecs of the configuration → `startCodecServer` (src/codec/server/server.ts), listening on
 * BULKFLOW_CODEC_HOST:BULKFLOW_CODEC_PORT (127.0.0.1:8081). Beyond loopback it needs BULKFLOW_CODEC_TOKEN; without
 * one it only decodes, for the Web UI's pages (docs/security.md#codec-server).
 * SIGINT/SIGTERM close it.
 */
import { startCodecServer } from './codec/server/server';
import { loadConfig } from './config';
import { codecServerCodecs } from './data-converter';
import { createLogger } from './logger';
import { stopOnSignals } from './shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  if (!config.temporal.encryption) log.warn({}, 'no master keys configured: the codec server decrypts nothing');
  const server = await startCodecServer({
    settings: config.codecServer,
    namespace: config.temporal.namespace,
    codecs: codecServerCodecs(config.temporal),
    log,
  });
  stopOnSignals({ name: 'codec server', log, stop: () => server.close() });
}

if (require.main === module) {
  main().catch((err: unknown) => {
    createLogger('error').fatal({ err }, 'codec server failed to start');
    process.exit(1);
  });
}
