/**
 * The audit timeline as NDJSON for log pipelines: one self-describing line per entry, then one `itemFailed` line per
 * failed item, one `warning` line per warning (its own kind as `warning`), then a `summary` line. Every line carries `schema`, `jobId`, `operation` and a sequence number.
 */
import type { AuditTimeline } from './timeline';

export function renderNdjson(t: AuditTimeline): string {
  const common = { schema: t.schema, jobId: t.jobId, operation: t.request.operation };
  const lines: object[] = [
    ...t.entries.map((entry) => ({ ...common, ...entry })),
    ...t.failures.map((failure) => ({ ...common, kind: 'itemFailed', at: t.closedAt ?? t.requestedAt, ...failure })),
    ...(t.warnings ?? []).map(({ kind: warning, ...rest }) => ({
      ...common,
      kind: 'warning',
      warning,
      at: t.closedAt ?? t.requestedAt,
      ...rest,
    })),
    {
      ...common,
      kind: 'summary',
      at: t.closedAt ?? t.requestedAt,
      state: t.state,
      requestedBy: t.requestedBy,
      requestedAt: t.requestedAt,
      request: t.request,
      ...(t.counts ? { counts: t.counts } : {}),
      ...(t.cancelledBy !== undefined ? { cancelledBy: t.cancelledBy } : {}),
      runs: t.runs,
      providerJobs: t.providerJobs,
      failures: t.failures.length,
      ...(t.warnings?.length ? { warnings: t.warnings.length } : {}),
    },
  ];
  return lines.map((line, seq) => JSON.stringify({ seq, ...line })).join('\n') + '\n';
}
