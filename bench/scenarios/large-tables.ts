/** The tables of scenario 6 (large-request.ts): the large jobs, where their time went, and the 100,000-user goals. */
import type { Table } from '../lib/table';
import { formatBytes, formatNumber, formatRatio, ratio } from '../lib/stats';
import type { LargeJobResult } from './large-job';

/** Temporal's hard limit on one payload (blob size error limit). */
const PAYLOAD_LIMIT_BYTES = 2 * 1024 * 1024;

function clipped(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function spansCell(r: LargeJobResult): string {
  return r.spans ? `${formatNumber(r.spans.spans)} (${formatBytes(r.spans.bytes)})` : '—';
}

const JOB_NOTES = [
  'One run per size (a fresh dev server and worker process each); started through BulkJobClient; encryption, the ' +
    "claim check and tracing on (the worker exports its spans over OTLP/HTTP to the stack's own collector).",
  'History summed over the continue-as-new chain; bytes are encoded protobuf sizes; the largest event is the ' +
    'largest single payload carrier (workflow input, activity result, or continue-as-new input).',
  'Claim check on (as deployed): payloads over 128 KiB are stored in a content-addressed blob directory and ' +
    'history keeps a reference; blobs = files in that directory at the end (tenant key files aside), and their size.',
  "overhead per batch = (wall time − the provider's own job time) ÷ batches; the simulator completes each " +
    'provider job at its first status read, so its own time is 0.',
];

/** One row per job: outcome, time, memory, history, blobs, spans. */
export function jobsTable(title: string, results: readonly LargeJobResult[]): Table {
  return {
    title,
    columns: [
      'users',
      'request JSON',
      'outcome',
      'wall s',
      'batches',
      'overhead per batch ms',
      'worker peak RSS',
      'history events',
      'history bytes',
      'largest event',
      'largest ÷ 2 MiB payload limit',
      'runs',
      'claim-checked blobs',
      'spans exported',
      'history readable by a default client',
    ],
    rows: results.map((r) => [
      formatNumber(r.users),
      formatBytes(r.requestBytes),
      clipped(r.outcome, 160),
      formatNumber(r.wallSeconds, 1),
      formatNumber(r.batches),
      formatNumber(r.overheadPerBatchMs),
      formatBytes(r.workerPeakRss),
      r.history ? formatNumber(r.history.events) : '—',
      r.history ? formatBytes(r.history.bytes) : '—',
      r.history ? formatBytes(r.history.largestEventBytes) : '—',
      r.history ? formatRatio(ratio(r.history.largestEventBytes, PAYLOAD_LIMIT_BYTES)) : '—',
      r.history ? String(r.history.runs) : '—',
      `${formatNumber(r.blobs.files)} (${formatBytes(r.blobs.bytes)})`,
      spansCell(r),
      clipped(r.defaultClient, 120),
    ]),
    notes: JOB_NOTES,
  };
}

/** Where one job's time went, from the wait profile of its histories. */
export function waitsTable(r: LargeJobResult, what: string, note: string): Table {
  const waits = r.waits ?? {};
  const total = Object.values(waits).reduce((sum, ms) => sum + ms, 0);
  return {
    title: `Where the ${formatNumber(r.users)}-${what} job's time goes (${formatNumber(r.batches)} batches)`,
    columns: ['step (what ended the wait)', 'total s', 'per batch ms', 'share'],
    rows: Object.entries(waits)
      .sort((a, b) => b[1] - a[1])
      .map(([step, ms]) => [
        step,
        formatNumber(ms / 1000, 1),
        formatNumber(ms / r.batches),
        `${((ms / total) * 100).toFixed(1)}%`,
      ]),
    notes: [
      "Read from the job's histories (every run): each gap between consecutive events is charged to the event " +
        `that ended it. ${note}`,
    ],
  };
}
