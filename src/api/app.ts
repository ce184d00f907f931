/**
 * `buildApp(deps)`: the HTTP API as a Fastify instance that does not listen (tests use `inject()`; `server.ts`
 * listens). `/v1` routes need a bearer API key; health routes and the OpenAPI document do not.
 */
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createLogger, withRedactedRequests } from '../logger';
import { authenticate } from './auth';
import { CSV_BODY_LIMIT_BYTES, JSON_BODY_LIMIT_BYTES } from './body-limits';
import { csvGate, MAX_CSV_STARTS } from './csv-gate';
import type { AppDeps } from './deps';
import { NO_CALLBACKS } from '../http/callback-policy';
import { installErrorHandling } from './errors';
import { trackMethodsForNotAllowed } from './method-not-allowed';
import { buildOpenApiDocument } from './openapi';
import { installRequestSpans } from './request-spans';
import { registerHealthRoutes } from './routes/health';
import { registerJobActionRoutes } from './routes/job-actions';
import { registerJobRoutes } from './routes/jobs';
import { JOB_ID_MAX_LENGTH } from './schemas';
import { answerClientError, answerFrameworkError } from './transport-errors';

/**
 * Largest body Fastify reads whole: a JSON body (2 MiB), a bound on what one HTTP call may hold in memory before it
 * is parsed. A start's larger item lists come as `text/csv`, which is parsed as it arrives under a limit of its own
 * (body-limits.ts); either way the claim check (src/claim-check) keeps the job's input out of history.
 */
export const BODY_LIMIT_BYTES = JSON_BODY_LIMIT_BYTES;
export const API_VERSION = '1.0.0';
/**
 * Longest path parameter the router passes on, in raw characters: a job id of the longest length, every character
 * percent-encoded (at most 9 raw characters per UTF-16 unit). A longer one is refused by `answerFrameworkError`, a
 * shorter one too long for an id by the id's schema: both a 400 problem, never the router's 414.
 */
const MAX_PARAM_LENGTH = JOB_ID_MAX_LENGTH * 9;

export function buildApp(deps: AppDeps): FastifyInstance {
  // Request logs keep the path only: a credential a client wrongly put in the query must not reach a log.
  const loggerInstance: FastifyBaseLogger = withRedactedRequests(deps.logger ?? createLogger('silent'));
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    loggerInstance,
    // A `__proto__` or `constructor.prototype` key is parsed as a plain own key (JSON.parse never touches a
    // prototype) and then refused by the request schema, which names the field (domain/json-shape.ts); the
    // default, refusing the whole body as "not valid JSON", named nothing.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  installErrorHandling(app);
  deps.metrics?.hooks(app);
  installRequestSpans(app);
  const answerOtherMethods = trackMethodsForNotAllowed(app);
  app.decorateRequest('caller', null);
  registerHealthRoutes(app, deps.jobs, buildOpenApiDocument(API_VERSION, deps.callbacks ?? NO_CALLBACKS));
  void app.register(
    (v1, _options, done) => {
      v1.addHook('onRequest', (request, _reply, next) => {
        try {
          request.caller = authenticate(deps.keys, request.headers.authorization);
          next();
        } catch (err) {
          next(err as Error);
        }
      });
      registerJobRoutes(v1, {
        jobs: deps.jobs,
        callbacks: deps.callbacks ?? NO_CALLBACKS,
        connections: deps.connections,
        csvBodyLimitBytes: deps.csvBodyLimitBytes ?? CSV_BODY_LIMIT_BYTES,
        csvStarts: csvGate(deps.maxCsvStarts ?? MAX_CSV_STARTS),
      });
      registerJobActionRoutes(v1, deps.jobs);
      done();
    },
    { prefix: '/v1' },
  );
  answerOtherMethods();
  return app;
}
