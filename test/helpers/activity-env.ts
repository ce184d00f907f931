/** Runs activities in `MockActivityEnvironment` with a fake operation, a pinned clock and recorded heartbeats. */
import type { Info } from '@temporalio/activity';
import type { Logger, LogLevel, LogMetadata, MetricMeter, MetricTags } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { ActivityDeps } from '../../src/activities/context';
import { loadConfig } from '../../src/config';
import type { DelayPolicy } from '../../src/http/retry-after';
import type { ProviderOperation } from '../../src/providers/types';

/** Epoch ms every test clock starts at. */
export const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

/** Delay policy of the activity tests: backoff 1 s ×2 (max 60 s), overall 100 ms … 10 min, no jitter at 0.5. */
export const TEST_POLICY: DelayPolicy = {
  minDelayMs: 100,
  maxDelayMs: 600_000,
  initialBackoffMs: 1_000,
  backoffCoefficient: 2,
  maxBackoffMs: 60_000,
  jitterRatio: 0.2,
};

export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly meta: LogMetadata | undefined;
}

/** A Temporal `Logger` that keeps every entry instead of printing it. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];
  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    this.entries.push({ level, message, meta });
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/** One value given to a metric: added to a counter, recorded on a histogram or set on a gauge. */
export interface MetricEntry {
  readonly name: string;
  readonly kind: string;
  readonly unit: string | undefined;
  readonly value: number;
  readonly tags: MetricTags;
}

/** A Temporal `MetricMeter` that keeps every value given to any of its metrics. */
export function recordingMeter(entries: MetricEntry[], base: MetricTags = {}): MetricMeter {
  const metric = (name: string, kind: string, unit: string | undefined, own: MetricTags) => {
    const give = (value: number, extra: MetricTags = {}) =>
      entries.push({ name, kind, unit, value, tags: { ...base, ...own, ...extra } });
    return {
      name,
      kind,
      unit,
      valueType: 'int' as const,
      add: give,
      record: give,
      set: give,
      withTags: (tags: MetricTags) => metric(name, kind, unit, { ...own, ...tags }),
    };
  };
  type Any = ReturnType<MetricMeter['createCounter']> & ReturnType<MetricMeter['createHistogram']>;
  return {
    createCounter: (name, unit) => metric(name, 'counter', unit, {}) as Any,
    createHistogram: (name, _type, unit) => metric(name, 'histogram', unit, {}) as Any,
    createGauge: (name, _type, unit) =>
      metric(name, 'gauge', unit, {}) as unknown as ReturnType<MetricMeter['createGauge']>,
    withTags: (tags) => recordingMeter(entries, { ...base, ...tags }),
  };
}

export interface ActivityHarness {
  readonly env: MockActivityEnvironment;
  /** Every value the activity gave to a metric, in order. */
  readonly metrics: MetricEntry[];
  /** Every heartbeat's details, in order. */
  readonly heartbeats: unknown[];
  readonly logs: RecordingLogger;
}

/** A mock activity environment with `info` overrides (attempt, heartbeatDetails…) and recorded heartbeats. */
export function activityHarness(info: Partial<Info> = {}): ActivityHarness {
  const logs = new RecordingLogger();
  const metrics: MetricEntry[] = [];
  const metricMeter = recordingMeter(metrics);
  const env = new MockActivityEnvironment({ scheduledTimestampMs: NOW, ...info }, { logger: logs, metricMeter });
  const heartbeats: unknown[] = [];
  env.on('heartbeat', (details: unknown) => heartbeats.push(details));
  return { env, heartbeats, logs, metrics };
}

/** Activity dependencies whose only operation is `operation`, over a Webex `default` connection that is never dialled. */
export function fakeDeps(operation: ProviderOperation, overrides: Partial<ActivityDeps> = {}): ActivityDeps {
  return {
    config: loadConfig({ BULKFLOW_WEBEX_BASE_URL: 'http://127.0.0.1:9', BULKFLOW_WEBEX_TOKEN: 't' }),
    getOperation: (id) => {
      if (id !== operation.id) throw new Error(`fake deps know only ${operation.id}, not ${id}`);
      return operation;
    },
    delayPolicy: TEST_POLICY,
    now: () => NOW,
    random: () => 0.5,
    temporalClient: () => Promise.reject(new Error('unit tests have no Temporal client')),
    ...overrides,
  };
}
