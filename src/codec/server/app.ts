/**
 * `buildCodecApp(deps)`: the codec server of the Temporal Web UI (and the CLI's `--codec-endpoint`) as a Fastify
 * instance that does not listen (tests use `inject()`; `server.ts` listens). `POST /encode` and `POST /decode` run
 * bulkflow's payload codecs over a list of payloads (src/codec/server/protocol.ts) for one namespace, named by the
 * `X-Namespace` header. Whoever may call `/decode` reads job data in the clear: only the configured UI origins get
 * CORS answers, and with a token every call must carry it (`Authorization: Bearer`, compared in constant time).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createLogger, withRedactedRequests } from '../../logger';
import type { Logger } from '../../logger';
import { allowOrigin, answerPreflight, originOf } from './cors';
import { CodecBodySchema, payloadFromJson, payloadToJson } from './protocol';

export interface CodecAppDeps {
  /** The payload codecs, in encoding order (encryption, then the claim check). */
  readonly codecs: readonly PayloadCodec[];
  /** The one namespace served. */
  readonly namespace: string;
  /** Origins of the Web UI pages allowed to call (e.g. `http://127.0.0.1:8233`). */
  readonly uiOrigins: readonly string[];
  /** Bearer token every call must carry; none: no authentication (loopback only). */
  readonly token?: string;
  readonly logger?: Logger;
}

/** Largest request body: a page of history events with inline payloads stays well under it. */
const BODY_LIMIT_BYTES = 16 * 1024 * 1024;

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** True when `header` is `Bearer <token>`; equal-length digests keep the comparison constant-time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(token));
}

function refuse(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ message });
}

/** The reason to refuse a call before any codec runs, or undefined to go on. */
function refusal(deps: CodecAppDeps, request: FastifyRequest): [number, string] | undefined {
  const origin = originOf(request);
  if (origin !== undefined && !deps.uiOrigins.includes(origin)) return [403, `origin ${origin} is not allowed`];
  if (deps.token !== undefined && !bearerMatches(request.headers.authorization, deps.token)) {
    return [401, 'a valid bearer token is required'];
  }
  const namespace = request.headers['x-namespace'];
  if (namespace === undefined) return [400, 'the X-Namespace header is required'];
  if (namespace !== deps.namespace) return [403, `namespace ${String(namespace)} is not served here`];
  return undefined;
}

export function buildCodecApp(deps: CodecAppDeps): FastifyInstance {
  // Request logs keep the path only: a token a client wrongly put in the query must not reach a log.
  const loggerInstance: FastifyBaseLogger = withRedactedRequests(deps.logger ?? createLogger('silent'));
  const app = Fastify({ bodyLimit: BODY_LIMIT_BYTES, loggerInstance });
  const encode = async (payloads: Payload[]): Promise<Payload[]> => {
    let encoded = payloads;
    for (const codec of deps.codecs) encoded = await codec.encode(encoded);
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
    app.post(route, async (request, reply) => {
      const origin = originOf(request);
      if (origin !== undefined && deps.uiOrigins.includes(origin)) allowOrigin(reply, origin);
      const refused = refusal(deps, request);
      if (refused) return refuse(reply, ...refused);
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
