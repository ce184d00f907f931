/**
 * CORS of the codec server: the Web UI's pages call it from the browser, so the one thing CORS decides is which
 * UI origins may read its answers. Only the configured origins get CORS headers; a request from any other origin
 * is refused before it reaches a codec. Credentials are allowed for those origins, so a UI that includes them
 * (its "include cross-origin credentials" setting) can authenticate to a proxy in front of the server.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

const ALLOWED_HEADERS = 'Content-Type, X-Namespace, Authorization';

/** The request's `Origin`, or undefined when it has none (the CLI, curl). */
export function originOf(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  return typeof origin === 'string' ? origin : undefined;
}

/** Adds the CORS headers for `origin` (one of the allowed ones). */
export function allowOrigin(reply: FastifyReply, origin: string): void {
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-allow-credentials', 'true');
  reply.header('vary', 'Origin');
}

/** Answers a preflight from an allowed origin. */
export function answerPreflight(reply: FastifyReply, origin: string): FastifyReply {
  allowOrigin(reply, origin);
  reply.header('access-control-allow-methods', 'POST, OPTIONS');
  reply.header('access-control-allow-headers', ALLOWED_HEADERS);
  reply.header('access-control-max-age', '600');
  return reply.code(204).send();
}
