/** Master keys and key stores for the codec's unit tests. */
import { randomBytes } from 'node:crypto';
import { DataKeyStore, EncryptionCodec } from '../../../src/codec';
import { fileModesOf } from '../../../src/fs/shared-files';
import type { MasterKeys } from '../../../src/codec';

/** Master keys with the given ids, each a fresh random key; the first is the primary. */
export function masterKeys(...ids: string[]): MasterKeys {
  return { primary: ids[0] as string, keys: new Map(ids.map((id) => [id, randomBytes(32)])) };
}

/** The same keys with another primary, or with only some of them. */
export function subset(keys: MasterKeys, ...ids: string[]): MasterKeys {
  return { primary: ids[0] as string, keys: new Map(ids.map((id) => [id, keys.keys.get(id) as Buffer])) };
}

export function codecOn(dir: string, keys: MasterKeys, reload?: () => MasterKeys): EncryptionCodec {
  return new EncryptionCodec(new DataKeyStore(dir, keys, fileModesOf('private'), reload));
}
