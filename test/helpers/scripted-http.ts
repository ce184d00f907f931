/** An `HttpClient` that answers from a function of the request, with no network: for generated provider answers. */
import type { ProviderName } from '../../src/domain/errors';
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/http/types';
import type { OperationContext } from '../../src/providers/types';

/** One scripted answer: a JSON `body` (or raw `text`), 200 unless `status` says otherwise. */
export interface ScriptedAnswer {
  readonly status?: number;
  readonly body?: unknown;
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The origin scripted clients answer for. */
export const SCRIPTED_ORIGIN = 'https://provider.test';

export interface ScriptedHttp {
  readonly http: HttpClient;
  /** Every request, as the URL it would have gone to. */
  readonly urls: URL[];
}

/** A client whose every request is answered by `answer`, given the full URL it would have gone to. */
export function scriptedHttp(provider: ProviderName, answer: (url: URL, request: HttpRequest) => ScriptedAnswer) {
  const urls: URL[] = [];
  const http: HttpClient = {
    provider,
    send: (request) => {
      const url = new URL(request.path, SCRIPTED_ORIGIN);
      for (const [key, value] of Object.entries(request.query ?? {})) {
        if (value !== undefined) url.searchParams.set(key, String(value));
      }
      urls.push(url);
      const scripted = answer(url, request);
      const response: HttpResponse = {
        status: scripted.status ?? 200,
        headers: new Headers(scripted.headers ?? {}),
        url: url.href,
        text: scripted.text ?? (scripted.body === undefined ? '' : JSON.stringify(scripted.body)),
        receivedAt: Date.now(),
      };
      return Promise.resolve(response);
    },
  };
  return { http, urls } satisfies ScriptedHttp;
}

/** An operation context over `http` that logs nothing. */
export function scriptedContext(http: HttpClient, authScheme = 'Bearer'): OperationContext {
  return { http, log: { info: () => undefined, warn: () => undefined }, authScheme };
}
