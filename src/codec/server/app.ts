/**
 * `buildCodecApp(deps)`: the codec server of the Temporal Web UI (and the CLI's `--codec-endpoint`) as a Fastify
 * instance that does not listen (tests use `inject()`; `server.ts` listens). `POST /encode` and `POST /decode` run
 * bulkflow's payload codecs over a list of payloads (src/codec/server/protocol.ts) for one namespace, named by the
 * `X-Namespace` header. Who may call which route is decided first (access.ts); only the configured UI origins get
 * CORS answers. `/encode` only encrypts (it never writes a claim-check blob) and takes at most 1 MiB.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createLogger, withRedactedRequests } from '../../logger';
import type { Logger } from '../../logger';
import { refusal } from './access';
import type { CodecAccess } from './access';
import { allowOrigin, answerPreflight, originOf } from './cors';
import { CodecBodySchema, payloadFromJson, payloadToJson } from './protocol';

export { bearerMatches } from './access';

export interface CodecAppDeps extends CodecAccess {
  /** The payload codecs, in encoding order (encryption, then the claim check): `/decode` runs them in reverse. */
  readonly codecs: readonly PayloadCodec[];
  /** What `/encode` runs: encryption alone, so no caller can make the server store a blob. */
  readonly encodeCodecs: readonly PayloadCodec[];
  readonly logger?: Logger;
}

/** Largest `/decode` body: a page of history events with inline payloads stays well under it. */
const BODY_LIMIT_BYTES = 16 * 1024 * 1024;
/** Largest `/encode` body: what a person types into the UI (a signal's or a query's arguments). */
export const ENCODE_BODY_LIMIT_BYTES = 1024 * 1024;

function refuse(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ message });
}

export function buildCodecApp(deps: CodecAppDeps): FastifyInstance {
  // Request logs keep the path only: a token a client wrongly put in the query must not reach a log.
  const loggerInstance: FastifyBaseLogger = withRedactedRequests(deps.logger ?? createLogger('silent'));
  const app = Fastify({ bodyLimit: BODY_LIMIT_BYTES, loggerInstance });
  const encode = async (payloads: Payload[]): Promise<Payload[]> => {
    let encoded = payloads;
    for (const codec of deps.encodeCodecs) encoded = await codec.encode(encoded);
    return encoded;
  };
  // One payload at a time: a payload that does not decode (an erased tenant's) is answered as it is, encrypted.
  const decodeOne = async (payload: Payload, log: FastifyBaseLogger): Promise<Payload> => {
    let decoded = [payload];
    try {
      for (const codec of [...deps.codecs].reverse()) decoded = await codec.decode(decoded);
      return decoded[0] ?? payload;
    } catch (err) {
      const { name, keyId } = err as { name?: string; keyId?: string };
      log.warn({ error: name, keyId }, 'a payload does not decode; answered as it is');
      return payload;
    }
  };

  app.get('/healthz', () => ({ status: 'ok' }));
  for (const route of ['/encode', '/decode'] as const) {
    app.options(route, (request, reply) => {
      const origin = originOf(request);
      if (origin === undefined || !deps.uiOrigins.includes(origin)) return refuse(reply, 403, 'origin not allowed');
      return answerPreflight(reply, origin);
    });
    const bodyLimit = route === '/encode' ? ENCODE_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
    // Access is decided on the request line and headers, so a refused caller's body is never even read.
    const onRequest = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
      const origin = originOf(request);
      if (origin !== undefined && deps.uiOrigins.includes(origin)) allowOrigin(reply, origin);
      const refused = refusal(deps, request, route);
      if (refused) void refuse(reply, ...refused);
      else done();
    };
    app.post(route, { bodyLimit, onRequest }, async (request, reply) => {
      const body = CodecBodySchema.safeParse(request.body);
      if (!body.success) return refuse(reply, 400, 'the body must be { payloads: [{ metadata, data }] } in base64');
      const payloads = body.data.payloads.map(payloadFromJson);
      const done =
        route === '/encode'
          ? await encode(payloads)
          : await Promise.all(payloads.map((p) => decodeOne(p, request.log)));
      return { payloads: done.map(payloadToJson) };
    });
  }
  return app;
}
