import { exposition, metricsUrl, startMetricsEndpoint } from '../../../src/metrics/endpoint';
import type { MetricsEndpoint } from '../../../src/metrics/endpoint';

const text = (value: string) => () => Promise.resolve(value);

describe('exposition', () => {
  it('joins the sources, each ending in a newline', async () => {
    expect(await exposition([text('a_total 1'), text(''), text('b 2\n')])).toBe('a_total 1\nb 2\n');
  });
});

describe('metricsUrl', () => {
  it('puts an IPv6 host in brackets', () => {
    expect([metricsUrl('127.0.0.1', 9464), metricsUrl('::1', 9464)]).toEqual([
      'http://127.0.0.1:9464/metrics',
      'http://[::1]:9464/metrics',
    ]);
  });
});

describe('startMetricsEndpoint', () => {
  let endpoint: MetricsEndpoint | undefined;
  afterEach(() => endpoint?.close());

  it('listens on a free port for port 0 and serves every source on /metrics', async () => {
    endpoint = await startMetricsEndpoint({ host: '127.0.0.1', port: 0, sources: [text('a 1'), text('b 2')] });
    expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/metrics$/);
    const response = await fetch(endpoint.url);
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([
      200,
      'text/plain; version=0.0.4; charset=utf-8',
      'a 1\nb 2\n',
    ]);
  });

  it('answers 404 off /metrics and 503 when a source fails', async () => {
    const failing = () => Promise.reject(new Error('exporter down'));
    endpoint = await startMetricsEndpoint({ host: '127.0.0.1', port: 0, sources: [failing] });
    const other = await fetch(endpoint.url.replace('/metrics', '/other'));
    const failed = await fetch(endpoint.url);
    expect([other.status, failed.status]).toEqual([404, 503]);
  });
});
