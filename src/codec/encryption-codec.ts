/**
 * Payload encryption as a Temporal `PayloadCodec`: every payload is sealed (AES-256-GCM) under the data key of the
 * tenant that owns it, picked from the workflow id of the serialization context (job ids start with the tenant
 * tag, src/job-id.ts); payloads of no tenant use the `system` key. The encrypted payload says which key:
 *
 *     metadata: { encoding: "binary/encrypted", "encryption-key-id": "t0123456789abcdef/1" }
 *     data:     iv ‖ ciphertext of the whole original payload (src/codec/payload-bytes.ts) ‖ tag
 *
 * so decoding needs no context. A payload that is not encrypted passes through decode untouched: histories
 * written before encryption stay readable.
 */
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { tenantTagOf } from '../job-id';
import { open, seal } from './aes-gcm';
import { SYSTEM_SCOPE } from './data-key-file';
import type { DataKey } from './data-key-file';
import type { DataKeyStore } from './data-key-store';
import { DecryptionError, MalformedKeyIdError } from './errors';
import { payloadFromBytes, payloadToBytes } from './payload-bytes';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ENCRYPTED_ENCODING_BYTES = encoder.encode(ENCRYPTED_ENCODING);

/** The key scope of payloads converted in `context`: the tenant tag of its workflow id, else `system`. */
export function scopeOf(context: SerializationContext | undefined): string {
  const workflowId = context?.workflowId;
  return (workflowId === undefined ? undefined : tenantTagOf(workflowId)) ?? SYSTEM_SCOPE;
}

/** True when `payload` was encrypted by this codec. */
export function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.['encoding'];
  return encoding !== undefined && encoding !== null && decoder.decode(encoding) === ENCRYPTED_ENCODING;
}

/** The data key id an encrypted payload names. Thrown when it names none: `MalformedKeyIdError`. */
export function keyIdOf(payload: Payload): string {
  const id = payload.metadata?.[KEY_ID_METADATA];
  if (!id) throw new MalformedKeyIdError('');
  return decoder.decode(id);
}

const aadOf = (keyId: string): Buffer => Buffer.from(`bulkflow-payload/v1\0${keyId}`, 'utf8');

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: DataKeyStore) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    const dataKey = await this.keys.current(scopeOf(context));
    return payloads.map((payload) => (isEncrypted(payload) ? payload : sealPayload(payload, dataKey)));
  }

  /**
   * Decrypts every encrypted payload with the key it names. Thrown: `DataKeyNotFoundError` (an erased tenant),
   * `UnknownMasterKeyError`, `DecryptionError` (altered), `MalformedKeyIdError`.
   */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    const ids = [...new Set(payloads.filter(isEncrypted).map(keyIdOf))];
    if (ids.length === 0) return payloads;
    const keys = new Map(await Promise.all(ids.map(async (id) => [id, await this.keys.byId(id)] as const)));
    return payloads.map((payload) => {
      if (!isEncrypted(payload)) return payload;
      const dataKey = keys.get(keyIdOf(payload)) as DataKey;
      const plain = open(dataKey.key, payload.data ?? new Uint8Array(), aadOf(dataKey.id));
      if (!plain) throw new DecryptionError(dataKey.id, 'payload');
      return payloadFromBytes(plain);
    });
  }
}

function sealPayload(payload: Payload, dataKey: DataKey): Payload {
  return {
    metadata: { encoding: ENCRYPTED_ENCODING_BYTES, [KEY_ID_METADATA]: encoder.encode(dataKey.id) },
    data: seal(dataKey.key, payloadToBytes(payload), aadOf(dataKey.id)),
  };
}
