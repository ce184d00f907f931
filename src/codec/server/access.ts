/**
 * Who may call the codec server, decided before any codec runs (docs/security.md#codec-server). Whoever may call
 * `/decode` reads job data in the clear, and `/encode` seals data under the deployment's keys, so:
 *
 * - a call from an Origin that is not a configured Web UI origin is refused (CORS aside, a page of another site
 *   must not make the browser decode for it);
 * - a call with the bearer token (`Authorization: Bearer`, compared in constant time) may encode and decode;
 * - without the token, only `/decode`, only from a configured Web UI origin, and only where tokenless UI decoding
 *   is on: always when no token is configured (loopback only), and on the embedded stack, whose Web UI forwards no
 *   credentials. `/encode` always needs the token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { originOf } from './cors';

export type CodecRoute = '/encode' | '/decode';

export interface CodecAccess {
  /** The one namespace served. */
  readonly namespace: string;
  /** Origins of the Web UI pages allowed to call (e.g. `http://127.0.0.1:8233`). */
  readonly uiOrigins: readonly string[];
  /** Bearer token that opens both routes; none: only tokenless UI decoding (loopback only). */
  readonly token?: string;
  /** With a token: the Web UI's pages may still `/decode` without it (the embedded stack). Without a token: always. */
  readonly uiDecodesWithoutToken?: boolean;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** True when `header` is `Bearer <token>`; equal-length digests keep the comparison constant-time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(token));
}

/** Why a call that carries no valid token is refused, or undefined when tokenless UI decoding lets it through. */
function tokenlessRefusal(access: CodecAccess, route: CodecRoute, origin: string | undefined): string | undefined {
  const uiMayDecode = access.token === undefined || access.uiDecodesWithoutToken === true;
  if (route === '/decode' && uiMayDecode && origin !== undefined) return undefined;
  if (access.token !== undefined && !uiMayDecode) return 'a valid bearer token is required';
  return route === '/encode'
    ? '/encode needs a valid bearer token (BULKFLOW_CODEC_TOKEN)'
    : "without a bearer token, only the Web UI's pages may decode";
}

/** The status and reason to refuse a call to `route` before any codec runs, or undefined to go on. */
export function refusal(access: CodecAccess, request: FastifyRequest, route: CodecRoute): [number, string] | undefined {
  const origin = originOf(request);
  if (origin !== undefined && !access.uiOrigins.includes(origin)) return [403, `origin ${origin} is not allowed`];
  const authorized = access.token !== undefined && bearerMatches(request.headers.authorization, access.token);
  const refused = authorized ? undefined : tokenlessRefusal(access, route, origin);
  if (refused) return [401, refused];
  const namespace = request.headers['x-namespace'];
  if (namespace === undefined) return [400, 'the X-Namespace header is required'];
  if (namespace !== access.namespace) return [403, `namespace ${String(namespace)} is not served here`];
  return undefined;
}
