/**
 * A whole payload (metadata and data) as one byte string, so encryption hides its original encoding too:
 *
 *     version (1 byte = 1) ‖ entries (u32) ‖ per entry: key length (u32) ‖ key (UTF-8) ‖ value length (u32) ‖ value
 *     ‖ data (the rest)
 *
 * Integers are big-endian. Written only by bulkflow and read only after decryption authenticated it, so a
 * malformed string means a bug, not an attack; it is still refused rather than read past its end.
 */
import type { Payload } from '@temporalio/common';

const VERSION = 1;

/** Thrown when decrypted bytes are not a serialized payload. */
export class PayloadFormatError extends Error {
  override readonly name = 'PayloadFormatError';
  constructor(problem: string) {
    super(`decrypted payload does not read: ${problem}`);
  }
}

export function payloadToBytes(payload: Payload): Buffer {
  const entries = Object.entries(payload.metadata ?? {}).filter(
    (entry): entry is [string, Uint8Array] => entry[1] !== null && entry[1] !== undefined,
  );
  const parts: Buffer[] = [Buffer.from([VERSION]), u32(entries.length)];
  for (const [key, value] of entries) {
    const keyBytes = Buffer.from(key, 'utf8');
    parts.push(u32(keyBytes.length), keyBytes, u32(value.length), Buffer.from(value));
  }
  parts.push(Buffer.from(payload.data ?? new Uint8Array()));
  return Buffer.concat(parts);
}

export function payloadFromBytes(bytes: Buffer): Payload {
  let at = 0;
  const take = (length: number): Buffer => {
    if (at + length > bytes.length) throw new PayloadFormatError('truncated');
    const slice = bytes.subarray(at, at + length);
    at += length;
    return slice;
  };
  const readU32 = (): number => take(4).readUInt32BE(0);
  if (take(1)[0] !== VERSION) throw new PayloadFormatError('unknown version');
  const metadata: Record<string, Uint8Array> = {};
  for (let count = readU32(); count > 0; count -= 1) {
    const key = take(readU32()).toString('utf8');
    metadata[key] = new Uint8Array(take(readU32()));
  }
  return { metadata, data: new Uint8Array(bytes.subarray(at)) };
}

function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value, 0);
  return out;
}
