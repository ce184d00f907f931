/** Builders of `HttpResponse` values and fixture access for the http unit tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpResponse } from '../../../src/http/types';

/** The shared provider fixtures next to the repository (`../shared/providers/fixtures`). */
export const FIXTURES_DIR = path.resolve(__dirname, '../../../../shared/providers/fixtures');

/** Raw text of a documented fixture. */
export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES_DIR, name), 'utf8');
}

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
