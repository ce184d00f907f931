/**
 * The stand-in for the encryption codec in a process configured without master keys: it encodes nothing, and
 * refuses an encrypted payload with `PayloadKeysMissingError`, which names the settings that would read it, instead
 * of letting the payload converter fail with "Unknown encoding: binary/encrypted".
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { KEY_ID_METADATA, isEncrypted } from './encryption-codec';
import { PayloadKeysMissingError } from './errors';

const decoder = new TextDecoder();

export class MissingKeysCodec implements PayloadCodec {
  encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(payloads);
  }

  /** Returns `payloads` as they are. Thrown when one is encrypted: `PayloadKeysMissingError`. */
  decode(payloads: Payload[]): Promise<Payload[]> {
    const sealed = payloads.find(isEncrypted);
    if (!sealed) return Promise.resolve(payloads);
    const keyId = sealed.metadata?.[KEY_ID_METADATA];
    return Promise.reject(new PayloadKeysMissingError(keyId ? decoder.decode(keyId) : '(unnamed)'));
  }
}
