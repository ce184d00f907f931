/** Builders of `HttpResponse` values for the http unit tests. */
import type { HttpResponse } from '../../../src/http/types';

export interface ResponseInit {
  readonly body?: string | object;
  readonly headers?: Record<string, string>;
  readonly url?: string;
  readonly receivedAt?: number;
}

/** An `HttpResponse` with `status`, a JSON-encoded object body or raw text, and headers. */
export function makeResponse(status: number, init: ResponseInit = {}): HttpResponse {
  const { body = '', headers = {}, url = 'https://api.example.test/v1/jobs/42', receivedAt = Date.now() } = init;
  return {
    status,
    headers: new Headers(headers),
    url,
    text: typeof body === 'string' ? body : JSON.stringify(body),
    receivedAt,
  };
}
