/**
 * The one data converter of bulkflow, built from configuration for every client, worker, audit, CLI and API: the
 * encryption codec first, then the claim check, so a blob only ever holds encrypted bytes (the SDK encodes through
 * `payloadCodecs` in array order and decodes in reverse), and failures whose message and stack trace are encoded.
 */
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { ClaimCheckCodec, MissingBlobStoreCodec, blobStoreOf } from '../claim-check';
import type { ClaimCheckConfig } from '../claim-check';
import { DataKeyStore, EncryptionCodec, MissingKeysCodec, readKeyFile } from '../codec';
import type { EncryptionConfig } from '../codec';
import { fileModesOf } from '../fs/shared-files';

/**
 * Path of the module that exports `failureConverter`: pass it as `failureConverterPath` to `bundleWorkflowCode`
 * for any bundle built ahead, or failures thrown in workflow code stay in plaintext.
 */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/** What the data converter is built from (the Temporal section of the configuration has these). */
export interface PayloadProtection {
  /** Payload encryption; absent: payloads are stored as the payload converter wrote them. */
  readonly encryption?: EncryptionConfig;
  readonly claimCheck?: ClaimCheckConfig;
}

function encryptionCodecOf(encryption: EncryptionConfig): PayloadCodec {
  const modes = fileModesOf(encryption.fileMode);
  const { keyFile } = encryption;
  const reload = keyFile === undefined ? undefined : () => readKeyFile(keyFile);
  return new EncryptionCodec(new DataKeyStore(encryption.tenantKeyDir, encryption.masterKeys, modes, reload));
}

function claimCheckCodecOf(claimCheck: ClaimCheckConfig): PayloadCodec {
  return new ClaimCheckCodec(blobStoreOf(claimCheck), claimCheck.thresholdBytes);
}

/** The payload codecs for `config`, in encoding order: encryption, then the claim check. */
export function payloadCodecsFor(config: PayloadProtection): PayloadCodec[] {
  return codecServerCodecs(config).decode;
}

/**
 * The codecs of the codec server: all of them to decode (it follows claim-check references), and encryption alone
 * to encode, so an `/encode` call never writes a blob (docs/security.md#codec-server).
 */
export function codecServerCodecs(config: PayloadProtection): { decode: PayloadCodec[]; encode: PayloadCodec[] } {
  const encryption = config.encryption ? [encryptionCodecOf(config.encryption)] : [];
  const claimCheck = config.claimCheck ? [claimCheckCodecOf(config.claimCheck)] : [];
  return { decode: [...encryption, ...claimCheck], encode: encryption };
}

/**
 * The codecs of a process that reads jobs (a client, a worker, an audit of exported histories): those of `config`,
 * with a stand-in for each one it lacks, so a payload it cannot read is refused with an error naming the missing
 * setting (`PayloadKeysMissingError`, `ClaimCheckStoreMissingError`), never "Unknown encoding".
 */
export function readingCodecsFor(config: PayloadProtection): PayloadCodec[] {
  const { encryption, claimCheck } = config;
  return [
    encryption ? encryptionCodecOf(encryption) : new MissingKeysCodec(),
    claimCheck ? claimCheckCodecOf(claimCheck) : new MissingBlobStoreCodec(),
  ];
}

/**
 * True when `codecs` keep large payloads in a blob store (the claim check is among them): a start then sends only a
 * reference, whatever the input's size.
 */
export function keepsLargePayloads(codecs: readonly PayloadCodec[]): boolean {
  return codecs.some((codec) => codec instanceof ClaimCheckCodec);
}

/** The data converter for `config`. */
export function buildDataConverter(config: PayloadProtection): DataConverter {
  return { payloadCodecs: readingCodecsFor(config), failureConverterPath: FAILURE_CONVERTER_PATH };
}

/** `payload` as the encryption codec left it: read back from the blob store when the claim check moved it there. */
export async function withoutClaimCheck(config: PayloadProtection, payload: Payload): Promise<Payload> {
  const codec = config.claimCheck ? claimCheckCodecOf(config.claimCheck) : new MissingBlobStoreCodec();
  const [stored] = await codec.decode([payload]);
  return stored ?? payload;
}
