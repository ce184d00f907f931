/**
 * Payloads in history are as the codecs left them (encrypted, claim-check references); the audit reads them decoded.
 * Decodes, with the client's codecs, exactly the payloads the audit reads (src/audit/history-facts.ts), failures
 * included: their message and stack trace are an encoded payload too (src/data-converter/failure-converter.ts).
 */
import type { Payload, PayloadCodec, ProtoFailure } from '@temporalio/common';
import { decodeFailure } from '@temporalio/common/lib/internal-non-workflow';
import type { History } from '@temporalio/common/lib/proto-utils';
import { LOCAL_ACTIVITY_MARKER } from './local-activity-marker';

type HistoryEvent = NonNullable<History['events']>[number];
type Decode = (payloads: Payload[]) => Promise<Payload[]>;
type DecodeFailure = (failure: ProtoFailure) => Promise<ProtoFailure>;
type Payloads = { payloads?: Payload[] | null } | null | undefined;

/** `{ input }` decoded, or nothing when there is none (the attributes then keep what was recorded). */
async function input(payloads: Payloads, decode: Decode): Promise<{ input?: { payloads: Payload[] } }> {
  return payloads?.payloads?.length ? { input: { payloads: await decode(payloads.payloads) } } : {};
}

/** `{ result }` decoded, or nothing when there is none. */
async function result(payloads: Payloads, decode: Decode): Promise<{ result?: { payloads: Payload[] } }> {
  return payloads?.payloads?.length ? { result: { payloads: await decode(payloads.payloads) } } : {};
}

/** A map of payloads (memo fields, marker details) with every value decoded. */
async function decodedMap<V>(
  map: Record<string, V>,
  decodeValue: (value: V) => Promise<V>,
): Promise<Record<string, V>> {
  const entries = await Promise.all(
    Object.entries(map).map(async ([key, value]): Promise<[string, V]> => [key, await decodeValue(value)]),
  );
  return Object.fromEntries(entries);
}

type Started = NonNullable<HistoryEvent['workflowExecutionStartedEventAttributes']>;
type Marker = NonNullable<HistoryEvent['markerRecordedEventAttributes']>;

async function decodeStarted(started: Started, decode: Decode): Promise<Started> {
  const memo = started.memo?.fields;
  const one = async (payload: Payload): Promise<Payload> => (await decode([payload]))[0] ?? payload;
  return {
    ...started,
    ...(await input(started.input, decode)),
    ...(memo && { memo: { fields: await decodedMap(memo, one) } }),
  };
}

/** Local activities: `data` (the SDK's marker data) and `result` (the activity's, claim-checked when large). */
async function decodeMarker(marker: Marker, decode: Decode): Promise<Marker> {
  if (marker.markerName !== LOCAL_ACTIVITY_MARKER || !marker.details) return marker;
  const all = async (value: Payloads) => ({ payloads: await decode(value?.payloads ?? []) });
  return { ...marker, details: await decodedMap(marker.details, all) };
}

async function decodePayloads(event: HistoryEvent, decode: Decode): Promise<HistoryEvent> {
  const started = event.workflowExecutionStartedEventAttributes;
  const scheduled = event.activityTaskScheduledEventAttributes;
  const completed = event.activityTaskCompletedEventAttributes;
  const signaled = event.workflowExecutionSignaledEventAttributes;
  const closed = event.workflowExecutionCompletedEventAttributes;
  const marker = event.markerRecordedEventAttributes;
  return {
    ...event,
    ...(started && { workflowExecutionStartedEventAttributes: await decodeStarted(started, decode) }),
    ...(scheduled && {
      activityTaskScheduledEventAttributes: { ...scheduled, ...(await input(scheduled.input, decode)) },
    }),
    ...(completed && {
      activityTaskCompletedEventAttributes: { ...completed, ...(await result(completed.result, decode)) },
    }),
    ...(signaled && {
      workflowExecutionSignaledEventAttributes: { ...signaled, ...(await input(signaled.input, decode)) },
    }),
    ...(closed && {
      workflowExecutionCompletedEventAttributes: { ...closed, ...(await result(closed.result, decode)) },
    }),
    ...(marker && { markerRecordedEventAttributes: await decodeMarker(marker, decode) }),
  };
}

/** `attributes` with its failure at `key` decoded, or as they were when there is none. */
async function withFailure<A, K extends keyof A>(attributes: A, key: K, decode: DecodeFailure): Promise<A> {
  const failure = attributes[key] as ProtoFailure | null | undefined;
  return failure ? { ...attributes, [key]: await decode(failure) } : attributes;
}

/** The failures the audit reads: retry reasons, activity and local activity failures, the run's own failure. */
async function decodeFailures(event: HistoryEvent, decode: DecodeFailure): Promise<HistoryEvent> {
  const started = event.activityTaskStartedEventAttributes;
  const failed = event.activityTaskFailedEventAttributes;
  const timedOut = event.activityTaskTimedOutEventAttributes;
  const marker = event.markerRecordedEventAttributes;
  const runFailed = event.workflowExecutionFailedEventAttributes;
  return {
    ...event,
    ...(started && { activityTaskStartedEventAttributes: await withFailure(started, 'lastFailure', decode) }),
    ...(failed && { activityTaskFailedEventAttributes: await withFailure(failed, 'failure', decode) }),
    ...(timedOut && { activityTaskTimedOutEventAttributes: await withFailure(timedOut, 'failure', decode) }),
    ...(marker && { markerRecordedEventAttributes: await withFailure(marker, 'failure', decode) }),
    ...(runFailed && { workflowExecutionFailedEventAttributes: await withFailure(runFailed, 'failure', decode) }),
  };
}

/** `history` with the audit's payloads decoded by `codecs` (applied in reverse order, as the SDK does). */
export async function decodeHistory(history: History, codecs: readonly PayloadCodec[]): Promise<History> {
  if (codecs.length === 0) return history;
  const decode: Decode = async (payloads) => {
    let decoded = payloads;
    for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
    return decoded;
  };
  const failure: DecodeFailure = (f) => decodeFailure([...codecs], f);
  const events = await Promise.all(
    (history.events ?? []).map(async (event) => decodeFailures(await decodePayloads(event, decode), failure)),
  );
  return { ...history, events };
}
