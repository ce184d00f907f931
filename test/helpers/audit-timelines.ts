/** Timelines of recorded (and reshaped) histories, and what tests look for in them. */
import type { History } from '@temporalio/common/lib/proto-utils';
import { AuditTimelineSchema, timelineFromHistories } from '../../src/audit';
import type { AuditEntry, AuditTimeline } from '../../src/audit';

/** The timeline of one run's `history`, parsed by its own schema. */
export function parsedTimeline(workflowId: string, history: History): AuditTimeline {
  return AuditTimelineSchema.parse(timelineFromHistories(workflowId, [history]));
}

export function unreadableEntries(t: AuditTimeline): Extract<AuditEntry, { kind: 'unreadable' }>[] {
  return t.entries.filter((e): e is Extract<AuditEntry, { kind: 'unreadable' }> => e.kind === 'unreadable');
}

/** Entry kinds, with the batch where an entry has one: `segment#1`. */
export function entryKinds(t: AuditTimeline): string[] {
  return t.entries.map((e) => ('batch' in e ? `${e.kind}#${e.batch}` : e.kind));
}
