/**
 * The body of Temporal's codec-server protocol, as the Web UI and the CLI send it to `/encode` and `/decode` and
 * expect it back: proto3 JSON of a list of payloads, every bytes field in base64.
 *
 *     { "payloads": [{ "metadata": { "encoding": "<base64>" }, "data": "<base64>" }] }
 */
import type { Payload } from '@temporalio/common';
import { z } from 'zod';

const Base64Schema = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

const JsonPayloadSchema = z.object({
  metadata: z.record(z.string(), Base64Schema).nullish(),
  data: Base64Schema.nullish(),
});

/** Largest number of payloads one request may carry. */
export const MAX_PAYLOADS = 10_000;

export const CodecBodySchema = z.object({ payloads: z.array(JsonPayloadSchema).max(MAX_PAYLOADS) });
type JsonPayload = z.infer<typeof JsonPayloadSchema>;

export function payloadFromJson(json: JsonPayload): Payload {
  const metadata = Object.fromEntries(
    Object.entries(json.metadata ?? {}).map(([key, value]) => [key, new Uint8Array(Buffer.from(value, 'base64'))]),
  );
  return { metadata, data: new Uint8Array(Buffer.from(json.data ?? '', 'base64')) };
}

export function payloadToJson(payload: Payload): { metadata: Record<string, string>; data: string } {
  const metadata = Object.fromEntries(
    Object.entries(payload.metadata ?? {}).flatMap(([key, value]) =>
      value ? [[key, Buffer.from(value).toString('base64')]] : [],
    ),
  );
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}
