/**
 * A CLIENT span around one provider HTTP call, named and described by OpenTelemetry's HTTP conventions, child of
 * the active span (the activity attempt's). It names the method, the provider's host and the answer's status, never
 * the path or query, which may carry user ids. A no-op until the process starts tracing (src/tracing).
 */
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, Span } from '@opentelemetry/api';
import type { ProviderName } from '../domain/errors';
import type { HttpMethod } from './types';

/** The attributes a provider call's span starts with. */
export function requestAttributes(provider: ProviderName, method: HttpMethod, url: URL): Attributes {
  const defaultPort = url.protocol === 'https:' ? 443 : 80;
  return {
    'http.request.method': method,
    'server.address': url.hostname,
    'server.port': url.port ? Number(url.port) : defaultPort,
    'bulkflow.provider': provider,
  };
}

function failed(span: Span, errorType: string): void {
  span.setAttribute('error.type', errorType);
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/**
 * Runs `send` (one request and its body) in a span. An answer of 4xx or 5xx marks the span failed with its status as
 * `error.type`; a throw marks it with the error's name (e.g. `ProviderUnavailableError`), and is rethrown.
 */
export function inClientSpan<T extends { readonly status: number }>(
  provider: ProviderName,
  method: HttpMethod,
  url: URL,
  send: () => Promise<T>,
): Promise<T> {
  const options = { kind: SpanKind.CLIENT, attributes: requestAttributes(provider, method, url) };
  return trace.getTracer('bulkflow').startActiveSpan(method, options, async (span) => {
    try {
      const answer = await send();
      span.setAttribute('http.response.status_code', answer.status);
      if (answer.status >= 400) failed(span, String(answer.status));
      return answer;
    } catch (err) {
      failed(span, err instanceof Error ? err.name : 'Error');
      throw err;
    } finally {
      span.end();
    }
  });
}
