/**
 * A SERVER span for every API request, named by method and route template (`POST /v1/jobs`), never by a request's
 * path, which carries job ids and keys. A `traceparent` header from the caller makes it a child of the caller's trace;
 * the route's handler runs inside it, so the Temporal client's start span and the job's workflow and activity spans
 * join the same trace. The request's log lines carry its `trace_id` and `span_id`. All of it is a no-op until the
 * process starts tracing (src/tracing): no span is recorded and no id is logged.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { Context, Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { routeOf } from './route-label';

interface RequestTrace {
  readonly span: Span;
  readonly context: Context;
}

const traces = new WeakMap<FastifyRequest, RequestTrace>();

function end(request: FastifyRequest, status: number | undefined): void {
  const current = traces.get(request);
  if (!current) return;
  traces.delete(request);
  if (status === undefined) {
    current.span.setAttribute('error.type', 'aborted');
    current.span.setStatus({ code: SpanStatusCode.ERROR });
  } else {
    current.span.setAttribute('http.response.status_code', status);
    if (status >= 500) {
      current.span.setAttribute('error.type', String(status));
      current.span.setStatus({ code: SpanStatusCode.ERROR });
    }
  }
  current.span.end();
}

/** Adds the request spans and the trace ids of the request log lines to `app`. */
export function installRequestSpans(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const route = routeOf(request);
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = trace
      .getTracer('bulkflow')
      .startSpan(
        `${request.method} ${route}`,
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': route } },
        parent,
      );
    traces.set(request, { span, context: trace.setSpan(parent, span) });
    const { traceId, spanId } = span.spanContext();
    if (span.isRecording()) {
      request.log = request.log.child({ trace_id: traceId, span_id: spanId });
      reply.log = request.log;
    }
    done();
  });
  // After the body is read (its stream events would lose the context): the handler and what it awaits run in the span.
  app.addHook('preHandler', (request, _reply, done) => {
    const current = traces.get(request);
    if (current) context.with(current.context, done);
    else done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    end(request, reply.statusCode);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    end(request, undefined);
    done();
  });
}
