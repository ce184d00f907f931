/**
 * A span collector for a benchmark stack: an OTLP/HTTP (JSON) endpoint on a free port of this machine that counts
 * what the stack's processes export (requests, spans, bytes) and keeps nothing else, so tracing is on, as in
 * production, while a 100,000-user job runs without the harness holding every span in memory.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SpanCounts {
  readonly requests: number;
  readonly spans: number;
  readonly bytes: number;
  /** Bodies that were not OTLP/JSON trace exports (counted in bytes, not in spans). */
  readonly unreadable: number;
}

export interface OtlpCollector {
  /** The base URL for `OTEL_EXPORTER_OTLP_ENDPOINT` (exporters append `/v1/traces`). */
  readonly url: string;
  counts(): SpanCounts;
  close(): Promise<void>;
}

interface ExportBody {
  readonly resourceSpans?: ReadonlyArray<{
    readonly scopeSpans?: ReadonlyArray<{ readonly spans?: readonly unknown[] }>;
  }>;
}

/** Spans in one OTLP/JSON export request; `undefined` when the body is not one. */
export function spansInExport(body: string): number | undefined {
  let parsed: ExportBody;
  try {
    parsed = JSON.parse(body) as ExportBody;
  } catch {
    return undefined;
  }
  const resources = parsed.resourceSpans;
  if (resources === undefined || typeof resources.length !== 'number') return undefined;
  let spans = 0;
  for (const resource of resources) for (const scope of resource.scopeSpans ?? []) spans += scope.spans?.length ?? 0;
  return spans;
}

/** Starts a collector on a free loopback port; every request is answered 200 once its body is counted. */
export async function startOtlpCollector(): Promise<OtlpCollector> {
  let requests = 0;
  let spans = 0;
  let bytes = 0;
  let unreadable = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests += 1;
      bytes += body.length;
      const count = spansInExport(body.toString('utf8'));
      if (count === undefined) unreadable += 1;
      else spans += count;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ requests, spans, bytes, unreadable }),
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
