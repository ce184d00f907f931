/** An `HttpClient` that passes every request on and keeps what was sent, bodies as they go on the wire (JSON). */
import type { HttpClient, HttpRequest } from '../../src/http/types';

export interface RecordingHttp {
  readonly http: HttpClient;
  /** Every request sent, in order; `json` as serialized and parsed back. */
  readonly sent: HttpRequest[];
}

/** Wraps `inner`: each request is recorded, then sent through `inner` unchanged. */
export function recordingHttp(inner: HttpClient): RecordingHttp {
  const sent: HttpRequest[] = [];
  return {
    sent,
    http: {
      provider: inner.provider,
      send: (request) => {
        const json: unknown = request.json === undefined ? undefined : JSON.parse(JSON.stringify(request.json));
        sent.push(json === undefined ? request : { ...request, json });
        return inner.send(request);
      },
    },
  };
}
