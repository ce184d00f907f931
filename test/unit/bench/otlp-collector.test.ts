import { spansInExport, startOtlpCollector } from '../../../bench/lib/otlp-collector';

const exportBody = (spansPerScope: readonly number[][]) =>
  JSON.stringify({
    resourceSpans: spansPerScope.map((scopes) => ({
      resource: { attributes: [] },
      scopeSpans: scopes.map((n) => ({ spans: Array.from({ length: n }, (_, i) => ({ spanId: String(i) })) })),
    })),
  });

describe('spansInExport', () => {
  it('counts the spans of every scope of every resource of an OTLP/JSON export', () => {
    expect(spansInExport(exportBody([[2, 3], [], [1]]))).toBe(6);
  });

  it('is undefined for a body that is not an OTLP/JSON trace export', () => {
    expect(spansInExport('\u0000protobuf')).toBeUndefined();
    expect(spansInExport('{"resourceMetrics":[]}')).toBeUndefined();
  });
});

describe('startOtlpCollector', () => {
  it('counts the requests, spans and bytes exported to it, and the bodies it could not read', async () => {
    const collector = await startOtlpCollector();
    try {
      const body = exportBody([[4]]);
      const sent = await fetch(`${collector.url}/v1/traces`, { method: 'POST', body });
      await fetch(`${collector.url}/v1/traces`, { method: 'POST', body: 'not json' });
      expect(sent.status).toBe(200);
      expect(collector.counts()).toEqual({
        requests: 2,
        spans: 4,
        bytes: Buffer.byteLength(body) + 'not json'.length,
        unreadable: 1,
      });
    } finally {
      await collector.close();
    }
  });
});
