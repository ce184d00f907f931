/** From histories to a redacted timeline, and from a timeline to each output format. */
import type { History } from '@temporalio/common/lib/proto-utils';
import { buildTimeline } from './build-timeline';
import { historyFacts } from './history-facts';
import { redact } from './redact';
import { renderNdjson } from './render-ndjson';
import { renderText } from './render-text';
import type { AuditTimeline } from './timeline';

export const AUDIT_FORMATS = ['json', 'ndjson', 'text'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/**
 * The redacted timeline of job `jobId` from the histories of its runs, oldest first, with payloads already
 * decoded (see `decodeHistory`). Thrown when the first history is not a bulk job's.
 */
export function timelineFromHistories(jobId: string, histories: readonly History[]): AuditTimeline {
  return redact(buildTimeline(jobId, histories.map(historyFacts)));
}

export function formatTimeline(timeline: AuditTimeline, format: AuditFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(timeline, null, 2)}\n`;
    case 'ndjson':
      return renderNdjson(timeline);
    case 'text':
      return renderText(timeline);
  }
}
