/**
 * The claim check (docs/architecture.md#claim-check) as a Temporal `PayloadCodec`: a payload larger than the threshold
 * is stored in the blob store and replaced, in every message and in history, by a small reference with its digest. It
 * runs in clients and workers (never in the workflow sandbox), so workflows, activities, continue-as-new, results and
 * queries all stay under Temporal's payload limits (a warning at 256 KB, a failure at 2 MB) without knowing about it.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { JSONToPayload, payloadToJSON } from '@temporalio/common/lib/proto-utils';
import type { JSONPayload } from '@temporalio/common/lib/proto-utils';
import { z } from 'zod';
import { ClaimCheckStoreMissingError } from './blob-store';
import type { BlobStore } from './blob-store';

export const CLAIM_CHECK_ENCODING = 'binary/bulkflow-claim-check';
/** Default threshold: half of the size at which Temporal starts warning about a payload. */
export const DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES = 128 * 1024;

const RefSchema = z.object({ v: z.literal(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int() });

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function sizeOf(payload: Payload): number {
  const metadata = Object.entries(payload.metadata ?? {}).reduce((sum, [k, v]) => sum + k.length + (v?.length ?? 0), 0);
  return (payload.data?.length ?? 0) + metadata;
}

function isClaimCheck(payload: Payload): boolean {
  const encoding = payload.metadata?.['encoding'];
  return encoding !== undefined && encoding !== null && decoder.decode(encoding) === CLAIM_CHECK_ENCODING;
}

export class ClaimCheckCodec implements PayloadCodec {
  constructor(
    private readonly store: BlobStore,
    private readonly thresholdBytes = DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES,
  ) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((payload) => this.encodeOne(payload)));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((payload) => this.decodeOne(payload)));
  }

  private async encodeOne(payload: Payload): Promise<Payload> {
    if (sizeOf(payload) <= this.thresholdBytes || isClaimCheck(payload)) return payload;
    const ref = await this.store.put(encoder.encode(JSON.stringify(payloadToJSON(payload))));
    return {
      metadata: { encoding: encoder.encode(CLAIM_CHECK_ENCODING) },
      data: encoder.encode(JSON.stringify({ v: 1, ...ref })),
    };
  }

  private async decodeOne(payload: Payload): Promise<Payload> {
    if (!isClaimCheck(payload)) return payload;
    const ref = RefSchema.parse(JSON.parse(decoder.decode(payload.data ?? new Uint8Array())));
    const stored = await this.store.get(ref);
    return JSONToPayload(JSON.parse(decoder.decode(stored)) as JSONPayload);
  }
}

/**
 * The stand-in for the claim check in a process configured without a blob store: it stores nothing, and refuses a
 * payload kept in a blob with `ClaimCheckStoreMissingError`, which names the setting, instead of "Unknown encoding".
 */
export class MissingBlobStoreCodec implements PayloadCodec {
  encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(payloads);
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.some(isClaimCheck) ? Promise.reject(new ClaimCheckStoreMissingError()) : Promise.resolve(payloads);
  }
}
