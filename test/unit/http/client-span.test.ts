import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createHttpClient } from '../../../src/http/client';
import { RetryAfterWindows } from '../../../src/http/retry-after-windows';
import { AsyncLocalContextManager } from '../../../src/tracing/context-manager';

const exporter = new InMemorySpanExporter();
let server: http.Server;
let origin: string;

beforeAll(async () => {
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register({ contextManager: new AsyncLocalContextManager().enable() });
  server = http.createServer((req, res) => {
    if (req.url?.startsWith('/v1/reset')) {
      req.socket.destroy();
      return;
    }
    const status = req.url?.startsWith('/v1/busy') ? 429 : 200;
    res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '30' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  trace.disable();
  context.disable();
});

beforeEach(() => exporter.reset());

const client = (retryAfter?: RetryAfterWindows) =>
  createHttpClient({
    provider: 'webex',
    baseUrl: `${origin}/v1`,
    auth: () => 'Bearer t0ken',
    ...(retryAfter ? { retryAfter: { windows: retryAfter, scope: 'webex/default' } } : {}),
  });

describe('the span of a provider HTTP call', () => {
  it('is a CLIENT span, child of the active span, naming method, host, port, provider and status only', async () => {
    const tracer = trace.getTracer('test');
    await tracer.startActiveSpan('attempt', async (attempt) => {
      await client().send({ method: 'POST', path: '/users/alice@example.test', query: { email: 'bob@example.test' } });
      attempt.end();
    });
    const [call, parent] = exporter.getFinishedSpans();
    expect(call?.parentSpanId).toBe(parent?.spanContext().spanId);
    expect(call?.spanContext().traceId).toBe(parent?.spanContext().traceId);
    expect([call?.name, call?.kind, call?.status.code]).toEqual(['POST', SpanKind.CLIENT, SpanStatusCode.UNSET]);
    expect(call?.attributes).toEqual({
      'http.request.method': 'POST',
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(origin).port),
      'bulkflow.provider': 'webex',
      'http.response.status_code': 200,
    });
    expect(JSON.stringify(call?.attributes)).not.toMatch(/example\.test|users/);
  });

  it('marks a 4xx or 5xx answer failed, with the status as error.type', async () => {
    await client().send({ method: 'GET', path: '/busy' });
    const [call] = exporter.getFinishedSpans();
    expect(call?.status.code).toBe(SpanStatusCode.ERROR);
    expect(call?.attributes).toMatchObject({ 'http.response.status_code': 429, 'error.type': '429' });
  });

  it('marks a connection reset failed, with the error kind as error.type and no status', async () => {
    await expect(client().send({ method: 'GET', path: '/reset' })).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
    });
    const [call] = exporter.getFinishedSpans();
    expect(call?.status.code).toBe(SpanStatusCode.ERROR);
    expect(call?.attributes['error.type']).toBe('ProviderUnavailableError');
    expect(call?.attributes['http.response.status_code']).toBeUndefined();
  });

  it('is not made for an answer held by an open Retry-After window: nothing was sent', async () => {
    const windows = new RetryAfterWindows();
    await client(windows).send({ method: 'GET', path: '/busy' });
    const held = await client(windows).send({ method: 'GET', path: '/busy' });
    expect(held.heldByRetryAfter).toBe(true);
    expect(exporter.getFinishedSpans()).toHaveLength(1);
  });
});
