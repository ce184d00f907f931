/**
 * A Prometheus `/metrics` endpoint over one or more sources of exposition text: the API's prom-client registry, and
 * in the embedded stack also the SDK runtime's exporter, so that one process serves one `/metrics`. Port 0 listens
 * on a free port; `url` says which.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The exposition text of one source (Prometheus text format 0.0.4). */
export type MetricsSource = () => Promise<string>;

export interface MetricsEndpoint {
  /** e.g. `http://127.0.0.1:9464/metrics` */
  readonly url: string;
  close(): Promise<void>;
}

export interface MetricsEndpointOptions {
  readonly host: string;
  readonly port: number;
  readonly sources: readonly MetricsSource[];
}

/** Joins the texts of `sources`, each ending in a newline. Thrown when a source fails. */
export async function exposition(sources: readonly MetricsSource[]): Promise<string> {
  const texts = await Promise.all(sources.map((source) => source()));
  return texts.map((text) => (text.endsWith('\n') || text === '' ? text : `${text}\n`)).join('');
}

/** `http://host:port/metrics`, with an IPv6 host in brackets. */
export function metricsUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`;
}

/** Listens on `host:port`. Thrown when the port cannot be bound. */
export function startMetricsEndpoint(options: MetricsEndpointOptions): Promise<MetricsEndpoint> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    exposition(options.sources).then(
      (text) => response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(text),
      () => response.writeHead(503, { 'content-type': 'text/plain' }).end('a metrics source is unavailable\n'),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: metricsUrl(options.host, port),
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // A scraper keeps its connection open between scrapes.
            server.closeAllConnections();
          }),
      });
    });
  });
}
