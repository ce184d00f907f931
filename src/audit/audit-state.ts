/**
 * What the audit builder accumulates across the runs of a job, and the activities it reads: as recorded (input and
 * end), and once read through their schemas.
 */
import type { z } from 'zod';
import type { JobWarningRecord } from './job-warning';
import type { RecordedPlan } from './recorded-activities';
import type { AuditEntry, AuditError, AuditItemFailure, AuditProviderJob, Attempts } from './timeline';

/** An activity from scheduling to its end, as read from one run. `input` is as recorded (none for local ones). */
export interface ActivityRecord {
  readonly activity: string;
  readonly input: unknown;
  readonly scheduledAt: string;
  /** The event that recorded the input (for a local activity, its marker). */
  readonly scheduledEventId: number;
  attempts: Attempts;
}

/** How an activity ended, as recorded: `eventId` is the event that says so. */
export type ActivityEnd =
  | { readonly kind: 'completed'; readonly at: string; readonly eventId: number; readonly result: unknown }
  | { readonly kind: 'failed'; readonly at: string; readonly eventId: number; readonly error: AuditError };

/** A finished activity with its input and result read. */
export interface ReadActivity<I, R> {
  readonly rec: ActivityRecord;
  readonly input: I;
  readonly end:
    | { readonly kind: 'completed'; readonly at: string; readonly result: R }
    | { readonly kind: 'failed'; readonly at: string; readonly error: AuditError };
}

/** A finished activity read through the schemas `I` (its input) and `R` (its result). */
export type ReadThrough<I extends z.ZodType, R extends z.ZodType> = ReadActivity<z.infer<I>, z.infer<R>>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Everything the builder accumulates across runs. */
export interface AuditState {
  run: number;
  plan?: RecordedPlan;
  readonly entries: AuditEntry[];
  readonly providerJobs: Map<number, Mutable<AuditProviderJob>>;
  readonly segments: Map<number, number>;
  readonly failures: AuditItemFailure[];
  /** Warnings the collections and validations gave so far. */
  readonly warnings: JobWarningRecord[];
  readonly permitsRequested: Map<string, { batch: number; at: string }>;
}
