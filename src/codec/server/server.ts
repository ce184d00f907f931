/**
 * `startCodecServer`: the codec server of the Web UI, built (`buildCodecApp`) and listening. The process around it,
 * which reads the configuration, is src/codec-server.ts.
 */
import type { PayloadCodec } from '@temporalio/common';
import { ConfigError } from '../../domain/errors';
import type { Logger } from '../../logger';
import { isLoopbackHost } from '../plaintext-policy';
import { buildCodecApp } from './app';

/** Where the codec server listens, which Web UI origins may call it, and the bearer token it asks for. */
export interface CodecServerSettings {
  readonly host: string;
  readonly port: number;
  readonly uiOrigins: readonly string[];
  readonly token?: string;
  /** With a token, the Web UI's pages may still decode without it: the embedded stack only (its UI sends none). */
  readonly uiDecodesWithoutToken?: boolean;
}

export interface CodecServer {
  /** Where it listens, e.g. `http://127.0.0.1:8081`. */
  readonly url: string;
  close(): Promise<void>;
}

export interface StartCodecServerOptions {
  readonly settings: CodecServerSettings;
  readonly namespace: string;
  /** The codecs of `codecServerCodecs` (src/data-converter): all of them to decode, encryption alone to encode. */
  readonly codecs: { readonly decode: readonly PayloadCodec[]; readonly encode: readonly PayloadCodec[] };
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
    log.warn({}, 'no BULKFLOW_CODEC_UI_ORIGINS: no Web UI can call the codec server (the CLI can, with the token)');
  }
  const app = buildCodecApp({
    codecs: options.codecs.decode,
    encodeCodecs: options.codecs.encode,
    namespace: options.namespace,
    uiOrigins: settings.uiOrigins,
    ...(settings.token === undefined ? {} : { token: settings.token }),
    ...(settings.uiDecodesWithoutToken ? { uiDecodesWithoutToken: true } : {}),
    logger: log,
  });
  const url = await app.listen({ host: settings.host, port: settings.port });
  log.info({ url, origins: settings.uiOrigins, token: settings.token !== undefined }, 'codec server listening');
  return { url, close: () => app.close() };
}
