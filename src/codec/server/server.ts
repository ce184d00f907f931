/**
 * The codec server process (`npm run codec-server`, `node dist/codec/server/server.js`): configuration → logger →
 * the payload codecs of the configuration → `buildCodecApp` → listen on BULKFLOW_CODEC_HOST:BULKFLOW_CODEC_PORT
 * (127.0.0.1:8081). Beyond loopback it needs BULKFLOW_CODEC_TOKEN. SIGINT/SIGTERM close it.
 */
import type { PayloadCodec } from '@temporalio/common';
import { loadConfig } from '../../config';
import type { AppConfig } from '../../config';
import { ConfigError } from '../../domain/errors';
import { createLogger } from '../../logger';
import type { Logger } from '../../logger';
import { stopOnSignals } from '../../shutdown';
import { payloadCodecsFor } from '../data-converter';
import { isLoopbackHost } from '../plaintext-policy';
import { buildCodecApp } from './app';

export interface CodecServer {
  /** Where it listens, e.g. `http://127.0.0.1:8081`. */
  readonly url: string;
  close(): Promise<void>;
}

export interface StartCodecServerOptions {
  readonly settings: AppConfig['codecServer'];
  readonly namespace: string;
  readonly codecs: readonly PayloadCodec[];
  readonly log: Logger;
}

/**
 * Builds the codec app and listens. Thrown when it would listen beyond loopback without a token (`ConfigError` on
 * BULKFLOW_CODEC_TOKEN), or when the port cannot be bound.
 */
export async function startCodecServer(options: StartCodecServerOptions): Promise<CodecServer> {
  const { settings, log } = options;
  if (settings.token === undefined && !isLoopbackHost(settings.host)) {
    throw new ConfigError(
      'BULKFLOW_CODEC_TOKEN',
      `is required when the codec server listens on ${settings.host}, which is not a loopback address`,
    );
  }
  if (settings.uiOrigins.length === 0) {
    log.warn({}, 'no BULKFLOW_CODEC_UI_ORIGINS: no Web UI can call the codec server (the CLI can)');
  }
  const app = buildCodecApp({
    codecs: options.codecs,
    namespace: options.namespace,
    uiOrigins: settings.uiOrigins,
    ...(settings.token === undefined ? {} : { token: settings.token }),
    logger: log,
  });
  const url = await app.listen({ host: settings.host, port: settings.port });
  log.info({ url, origins: settings.uiOrigins, token: settings.token !== undefined }, 'codec server listening');
  return { url, close: () => app.close() };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  if (!config.temporal.encryption) log.warn({}, 'no master keys configured: the codec server decrypts nothing');
  const server = await startCodecServer({
    settings: config.codecServer,
    namespace: config.temporal.namespace,
    codecs: payloadCodecsFor(config.temporal),
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
