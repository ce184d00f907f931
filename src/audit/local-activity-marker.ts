/**
 * Local activities in history: the SDK records each one's outcome as a marker, not as activity events. The marker's
 * `data` is the SDK's own JSON (snake_case: `activity_type`, `attempt`, `complete_time`…), its `result` the
 * activity's result (claim-checked when large); the input is not recorded.
 */
import { z } from 'zod';
import { isoOf } from './proto-scalars';
import { readRecorded } from './unreadable';
import type { Read } from './unreadable';

/** The marker the SDK records for a local activity's outcome. */
export const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

const MarkerDataSchema = z.object({
  activity_type: z.string(),
  attempt: z.number().int(),
  complete_time: z.object({ seconds: z.union([z.number(), z.string()]), nanos: z.number().int().nullish() }).nullish(),
});

/** Which local activity a marker is for, its attempt, and when it completed. */
export interface LocalActivityRun {
  readonly at: string;
  readonly activity: string;
  readonly attempt: number;
}

/**
 * Reads a marker's `data`; `at` is the marker's own time. The marker is written when the workflow task completes,
 * but the activity completed earlier, inside it (a signal that arrived in between is recorded after the marker yet
 * happened after the activity), so the activity's completion time is used when the data has it.
 */
export function readMarkerData(data: unknown, at: string): Read<LocalActivityRun> {
  const read = readRecorded(MarkerDataSchema, data, 'data');
  if (!read.ok) return read;
  const { activity_type: activity, attempt, complete_time: completed } = read.value;
  return { ok: true, value: { at: completed ? isoOf(completed) : at, activity, attempt } };
}
