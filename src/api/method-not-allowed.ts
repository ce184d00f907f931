/**
 * A method a path does not serve answers `405 Method Not Allowed` with `Allow` (RFC 9110 §15.5.6), not the 404 of a
 * path that does not exist. Every method Fastify routes (TRACE and QUERY included) is covered; HEAD is served for
 * each GET route and so is listed in `Allow`. The answer is given in `onRequest`, before authentication and body
 * parsing, so neither a missing key nor a body without `Content-Type` turns it into a 401 or a 400.
 */
import type { FastifyInstance, FastifyReply, HTTPMethods } from 'fastify';
import { sendProblem } from './errors';

/** The `Allow` value of a set of methods: upper case, in a stable order. */
export function allowHeader(methods: Iterable<string>): string {
  return [...new Set([...methods].map((method) => method.toUpperCase()))].sort().join(', ');
}

/** The 405 answer; it names the route's pattern, so nothing the caller sent is echoed. */
function refuse(reply: FastifyReply, method: string, route: string, allow: string): void {
  reply.header('allow', allow);
  void sendProblem(reply, {
    type: 'about:blank',
    title: 'Method Not Allowed',
    status: 405,
    detail: `${route} does not serve ${method}; it serves ${allow}`,
  });
}

/**
 * Records every route's methods from now on and returns the function that, called after the last route is
 * registered, adds the 405 answers for the other methods of each path.
 */
export function trackMethodsForNotAllowed(app: FastifyInstance): () => void {
  const served = new Map<string, Set<string>>();
  let closed = false;
  app.addHook('onRoute', (route) => {
    if (closed) return;
    const methods = served.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method.toUpperCase());
    served.set(route.url, methods);
  });
  return () => {
    void app.register((scope, _options, done) => {
      closed = true;
      for (const [url, methods] of served) {
        const allow = allowHeader(methods);
        const others = scope.supportedMethods.filter((method) => !methods.has(method)) as HTTPMethods[];
        scope.route({
          method: others,
          url,
          // Answered here, so no later step (body parsing, the handler) runs; `done` is not called.
          onRequest: (request, reply, _done) => {
            refuse(reply, request.method, url, allow);
          },
          handler: (_request, reply) => reply,
        });
      }
      done();
    });
  };
}
