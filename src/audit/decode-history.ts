/**
 * Payloads in history are as the codecs left them (e.g. claim-check references); the audit reads them decoded.
 * Decodes, with the client's codecs, exactly the payloads the audit reads (src/audit/history-facts.ts).
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { LOCAL_ACTIVITY_MARKER } from './history-facts';

type HistoryEvent = NonNullable<History['events']>[number];
type Decode = (payloads: Payload[]) => Promise<Payload[]>;

/** Attribute groups and their `Payloads` fields that carry data the audit reads. */
const PAYLOAD_FIELDS = [
  ['workflowExecutionStartedEventAttributes', 'input'],
  ['activityTaskScheduledEventAttributes', 'input'],
  ['activityTaskCompletedEventAttributes', 'result'],
  ['workflowExecutionSignaledEventAttributes', 'input'],
  ['workflowExecutionCompletedEventAttributes', 'result'],
] as const;

async function decodeEvent(event: HistoryEvent, decode: Decode): Promise<HistoryEvent> {
  let out: HistoryEvent = event;
  for (const [group, field] of PAYLOAD_FIELDS) {
    const attributes = event[group] as Record<string, unknown> | null | undefined;
    const payloads = (attributes?.[field] as { payloads?: Payload[] | null } | null | undefined)?.payloads;
    if (!attributes || !payloads?.length) continue;
    out = { ...out, [group]: { ...attributes, [field]: { payloads: await decode(payloads) } } };
  }
  const marker = event.markerRecordedEventAttributes;
  if (marker?.markerName === LOCAL_ACTIVITY_MARKER && marker.details) {
    // Local activities: `data` (the SDK's marker data) and `result` (the activity's, claim-checked when large).
    const details: Record<string, { payloads: Payload[] }> = {};
    for (const [key, value] of Object.entries(marker.details)) {
      details[key] = { payloads: await decode(value.payloads ?? []) };
    }
    out = { ...out, markerRecordedEventAttributes: { ...marker, details } };
  }
  const memo = event.workflowExecutionStartedEventAttributes?.memo?.fields;
  if (memo && out.workflowExecutionStartedEventAttributes) {
    const keys = Object.keys(memo);
    const values = await decode(keys.map((key) => memo[key] as Payload));
    const fields = Object.fromEntries(keys.map((key, i) => [key, values[i] as Payload]));
    out = {
      ...out,
      workflowExecutionStartedEventAttributes: { ...out.workflowExecutionStartedEventAttributes, memo: { fields } },
    };
  }
  return out;
}

/** `history` with the audit's payloads decoded by `codecs` (applied in reverse order, as the SDK does). */
export async function decodeHistory(history: History, codecs: readonly PayloadCodec[]): Promise<History> {
  if (codecs.length === 0) return history;
  const decode: Decode = async (payloads) => {
    let decoded = payloads;
    for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
    return decoded;
  };
  const events = await Promise.all((history.events ?? []).map((event) => decodeEvent(event, decode)));
  return { ...history, events };
}
