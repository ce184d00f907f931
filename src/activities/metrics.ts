/**
 * What the provider-facing activities record about provider requests, `Retry-After` waits and provider-job
 * progress, through the activity's metric meter (the SDK runtime exports it beside Temporal's own metrics).
 * Labels: operation, provider, request kind, answer code, provider job id (src/domain/metrics.ts).
 */
import { Context } from '@temporalio/activity';
import type { MetricMeter } from '@temporalio/common';
import { METRICS, answerOfError, answerOfStatus } from '../domain/metrics';
import type { JobMetricTags, RequestAnswer } from '../domain/metrics';
import type { HttpClient } from '../http/types';
import type { PollStats } from '../domain/job';

/** The operation and provider every metric of an activity is labelled with (`jobMetricTags`). */
export type MetricTarget = JobMetricTags;

function meter(): MetricMeter {
  return Context.current().metricMeter;
}

/** Runs one provider request and records its answer and latency (`answerOf` labels its result or error). */
export async function measuredRequest<T>(
  target: MetricTarget,
  request: 'start' | 'poll' | OtherRequest,
  send: () => Promise<T>,
  answerOf: (outcome: { ok: T } | { error: unknown }) => RequestAnswer | undefined,
): Promise<T> {
  const began = performance.now();
  let outcome: { ok: T } | { error: unknown };
  try {
    outcome = { ok: await send() };
  } catch (error) {
    outcome = { error };
  }
  const answer = answerOf(outcome);
  if (answer !== undefined) recordRequest(target, request, answer, (performance.now() - began) / 1000);
  if ('error' in outcome) throw outcome.error;
  return outcome.ok;
}

/** The labels of `operation`'s requests. */
export function targetOf(operation: { readonly id: string; readonly provider: string }): MetricTarget {
  return { operation: operation.id, provider: operation.provider };
}

/** The provider requests an activity sends besides its start and its status poll, as the `request` label says them. */
export type OtherRequest = 'items' | 'control' | 'reconcile';

/**
 * `http`, with every request it sends counted and timed as `request`, its answer named by the HTTP status
 * (`answerOfStatus`) or the error: item pages, control calls and start reconciliation are provider requests too,
 * and a Retry-After storm on them is as visible as one on polls. An answer held by an open window was never sent.
 */
export function measuredHttp(http: HttpClient, target: MetricTarget, request: OtherRequest): HttpClient {
  return {
    ...http,
    send: (req) =>
      measuredRequest(
        target,
        request,
        () => http.send(req),
        (outcome) => {
          if ('error' in outcome) return answerOfError(outcome.error);
          return outcome.ok.heldByRetryAfter ? undefined : answerOfStatus(outcome.ok.status);
        },
      ),
  };
}

function recordRequest(target: MetricTarget, request: string, answer: RequestAnswer, seconds: number): void {
  const tags = { ...target, request, answer };
  const m = meter();
  m.createCounter(METRICS.providerRequests.name, '', METRICS.providerRequests.description).add(1, tags);
  const { name, unit, description } = METRICS.providerRequestDuration;
  m.createHistogram(name, 'float', unit, description).record(seconds, tags);
}

/** Records a wait a provider asked for with `Retry-After` and bulkflow honours. */
export function recordRetryAfterWait(target: MetricTarget, request: 'start' | 'poll', waitMs: number): void {
  if (waitMs <= 0) return;
  const { name, unit, description } = METRICS.retryAfterWait;
  meter()
    .createHistogram(name, 'float', unit, description)
    .record(waitMs / 1000, { ...target, request });
}

/** Counts a provider request held back, unsent, by its closed rate-limit scope. */
export function recordHeldRequest(target: MetricTarget): void {
  const { name, description } = METRICS.requestsHeld;
  meter()
    .createCounter(name, '', description)
    .add(1, { ...target });
}

/**
 * Sets the stuck-job gauges of one provider job from its poll stats: seconds since its counts last changed and
 * running answers in a row without a change; both 0 once the job is done.
 */
export function recordProgress(
  target: MetricTarget,
  providerJobId: string,
  stats: PollStats,
  at: { now: number; done: boolean },
): void {
  const tags = { ...target, provider_job_id: providerJobId };
  const progressAt = stats.progressAt === undefined ? at.now : Date.parse(stats.progressAt);
  const since = at.done ? 0 : Math.max(0, (at.now - progressAt) / 1000);
  const m = meter();
  const { sinceProgress, pollsWithoutProgress } = METRICS;
  m.createGauge(sinceProgress.name, 'float', sinceProgress.unit, sinceProgress.description).set(since, tags);
  m.createGauge(pollsWithoutProgress.name, 'int', '', pollsWithoutProgress.description).set(
    at.done ? 0 : (stats.pollsWithoutProgress ?? 0),
    tags,
  );
}
