/**
 * From an ended activity to its audit entry: the activity's recorded input and result are read through their
 * schemas (src/audit/recorded-activities.ts), then handed to its entry maker (src/audit/activity-entries.ts). A value
 * that does not read becomes an `unreadable` entry naming the event, never a guess.
 */
import type { z } from 'zod';
import type { Activities } from '../activities';
import { callback, collected, controlled, planned, segment, started } from './activity-entries';
import type { ActivityEnd, ActivityRecord, AuditState, ReadActivity } from './audit-state';
import { localPermitRequested, permitRequested } from './permit-entries';
import {
  AwaitInputSchema,
  AwaitResultSchema,
  CollectInputSchema,
  CollectResultSchema,
  ControlInputSchema,
  Ignored,
  PermitInputSchema,
  PermitRequestedSchema,
  PlanSchema,
  StartInputSchema,
  StartResultSchema,
  TargetSchema,
} from './recorded-activities';
import { issuesOf, readRecorded, unreadableEntry } from './unreadable';
import type { Read } from './unreadable';
import type { AuditEntry } from './timeline';

/** What an ended activity adds: an entry, several (a permit asked and granted at once), or none. */
export type ActivityEntries = AuditEntry | readonly AuditEntry[] | undefined;

/** The entries an ended activity adds. */
type ActivityReader = (state: AuditState, rec: ActivityRecord, end: ActivityEnd) => ActivityEntries;

function readEnd<R>(schema: z.ZodType<R>, end: ActivityEnd): Read<ReadActivity<unknown, R>['end']> {
  if (end.kind === 'failed') return { ok: true, value: end };
  const result = readRecorded(schema, end.result, 'result');
  return result.ok ? { ok: true, value: { kind: 'completed', at: end.at, result: result.value } } : result;
}

/** The batch an activity input names, when it names one readably (for unreadable entries). */
function batchOf(input: unknown): number | undefined {
  const target = TargetSchema.safeParse(input);
  return target.success ? target.data.batch.index : undefined;
}

/** A reader that reads input and result with `input` and `result`, then makes the entry with `entry`. */
function reads<I, R>(
  input: z.ZodType<I>,
  result: z.ZodType<R>,
  entry: (state: AuditState, read: ReadActivity<I, R>) => ActivityEntries,
): ActivityReader {
  return (state, rec, end) => {
    const readInput = readRecorded(input, rec.input, 'input');
    const readResult = readEnd(result, end);
    if (readInput.ok && readResult.ok) return entry(state, { rec, input: readInput.value, end: readResult.value });
    const where = readInput.ok
      ? { eventId: end.eventId, event: `${rec.activity} ${end.kind}` }
      : { eventId: rec.scheduledEventId, event: `${rec.activity} scheduled` };
    const at = { at: end.at, run: state.run, batch: batchOf(rec.input), ...where };
    return unreadableEntry(at, issuesOf(readInput, readResult));
  };
}

/** Activity tasks: history records the input when scheduled and the result when completed. */
const ACTIVITY_READERS = {
  planBulkJob: reads(Ignored, PlanSchema, planned),
  startProviderJob: reads(StartInputSchema, StartResultSchema, started),
  awaitProviderJob: reads(AwaitInputSchema, AwaitResultSchema, segment),
  collectItemResults: reads(CollectInputSchema, CollectResultSchema, collected),
  controlProviderJob: reads(ControlInputSchema, Ignored, controlled),
  // Its result is read leniently: requests recorded before permits were answered by update returned nothing.
  requestPermit: reads(PermitInputSchema, Ignored, permitRequested),
  deliverCallback: reads(Ignored, Ignored, callback),
} satisfies Partial<Record<keyof Activities, ActivityReader>>;

/** Local activities: history records only their outcome, in a marker (src/audit/local-activity-marker.ts). */
const LOCAL_READERS = {
  planBulkJob: reads(Ignored, PlanSchema, planned),
  requestPermit: reads(Ignored, PermitRequestedSchema, localPermitRequested),
} satisfies Partial<Record<keyof Activities, ActivityReader>>;

const BY_ACTIVITY: ReadonlyMap<string, ActivityReader> = new Map(Object.entries(ACTIVITY_READERS));
const BY_LOCAL_ACTIVITY: ReadonlyMap<string, ActivityReader> = new Map(Object.entries(LOCAL_READERS));

/** The entry a finished activity task adds (undefined for activities the audit does not report). */
export function activityEntry(state: AuditState, rec: ActivityRecord, end: ActivityEnd): ActivityEntries {
  return BY_ACTIVITY.get(rec.activity)?.(state, rec, end);
}

/** The entry a local activity adds (undefined for local activities the audit does not report). */
export function localActivityEntry(state: AuditState, rec: ActivityRecord, end: ActivityEnd): ActivityEntries {
  return BY_LOCAL_ACTIVITY.get(rec.activity)?.(state, rec, end);
}

/** The token a `requestPermit` activity task asks for, read from its input when it reads. */
export function permitTokenOf(rec: ActivityRecord): string | undefined {
  if (rec.activity !== ('requestPermit' satisfies keyof Activities)) return undefined;
  const input = PermitInputSchema.safeParse(rec.input);
  return input.success ? input.data.request.token : undefined;
}

type Step = 'start' | 'segment' | 'collect' | 'control';
const STEPS = {
  startProviderJob: 'start',
  awaitProviderJob: 'segment',
  collectItemResults: 'collect',
  controlProviderJob: 'control',
} as const satisfies Partial<Record<keyof Activities, Step>>;
const STEP_OF: ReadonlyMap<string, Step> = new Map(Object.entries(STEPS));

/**
 * The entry of an activity given up on (cancelled, or still running when its run closed): the step of its batch it
 * was, or undefined for activities that are no step of a batch.
 */
export function abandonedEntry(state: AuditState, rec: ActivityRecord, at: string): AuditEntry | undefined {
  const step = STEP_OF.get(rec.activity);
  if (!step) return undefined;
  const target = readRecorded(TargetSchema, rec.input, 'input');
  if (target.ok) return { at, run: state.run, batch: target.value.batch.index, kind: 'abandoned', step };
  const where = { at, run: state.run, eventId: rec.scheduledEventId, event: `${rec.activity} scheduled` };
  return unreadableEntry(where, target.issues);
}
