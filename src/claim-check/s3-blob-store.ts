/**
 * The blob store on an S3-compatible bucket (AWS S3, MinIO, Ceph RGW), for workers on more than one machine. Blobs
 * are objects `<prefix><sha256>`. Credentials come from the AWS SDK's default chain (`AWS_ACCESS_KEY_ID` and
 * `AWS_SECRET_ACCESS_KEY`, `AWS_PROFILE`, web identity, instance roles), never from bulkflow's settings, workflow
 * inputs or history. The SDK is loaded on first use, so processes on the directory store never load it.
 */
import type * as S3Sdk from '@aws-sdk/client-s3';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { BlobNotFoundError, checkedBlob, sha256Of } from './blob-store';
import type { BlobRef, BlobStore } from './blob-store';

/** Where the bucket is; everything else (credentials, retries) is the SDK's. */
export interface S3StoreSettings {
  readonly bucket: string;
  /** Prepended to every key, `/`-terminated when not empty (e.g. `bulkflow/claim-check/`). */
  readonly prefix: string;
  readonly region: string;
  /** An S3-compatible server (`http://minio:9000`); absent: AWS S3. */
  readonly endpoint?: string;
  /** Bucket in the path (`endpoint/bucket/key`) instead of the host name: what MinIO and Ceph usually need. */
  readonly forcePathStyle: boolean;
}

/** The HTTP status of an S3 error (the SDK's `$metadata`), if it has one. */
function statusOf(err: unknown): number | undefined {
  const status = (err as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** An object that is not there: 404 (`NoSuchKey` from GetObject, `NotFound` from a HEAD). */
function isAbsent(err: unknown): boolean {
  return statusOf(err) === 404;
}

/**
 * A HEAD that cannot tell: S3 answers 403 for a missing object to a caller without `s3:ListBucket`. The put then
 * uploads, which fails on its own if the caller may not write either.
 */
function isUnknown(err: unknown): boolean {
  return isAbsent(err) || statusOf(err) === 403;
}

/** The SDK module and a client of it, made on first use. */
interface Loaded {
  readonly sdk: typeof S3Sdk;
  readonly s3: S3Client;
}

export class S3BlobStore implements BlobStore {
  private loaded: Promise<Loaded> | undefined;

  /** `clientConfig` is for tests and embedding; a deployment sets only `settings` (credentials: the SDK's chain). */
  constructor(
    readonly settings: S3StoreSettings,
    private readonly clientConfig: S3ClientConfig = {},
  ) {}

  get location(): string {
    return `s3://${this.settings.bucket}/${this.settings.prefix}`;
  }

  private keyOf(sha256: string): string {
    return `${this.settings.prefix}${sha256}`;
  }

  private load(): Promise<Loaded> {
    this.loaded ??= import('@aws-sdk/client-s3').then((sdk) => {
      const { region, endpoint, forcePathStyle } = this.settings;
      const config = { region, forcePathStyle, ...(endpoint ? { endpoint } : {}), ...this.clientConfig };
      return { sdk, s3: new sdk.S3Client(config) };
    });
    return this.loaded;
  }

  /**
   * Stores `bytes` once. A blob already there is copied onto itself, which gives it a new last-modified time
   * without sending its bytes again, so a lifecycle rule expiring objects by age counts from the last payload that
   * referenced it. The upload carries its SHA-256, which S3 checks.
   */
  async put(bytes: Uint8Array): Promise<BlobRef> {
    const sha256 = sha256Of(bytes);
    const ref = { sha256, bytes: bytes.length };
    if (!(await this.refreshIfPresent(ref))) await this.upload(ref, bytes);
    return ref;
  }

  /** True when the object is there with the blob's size, and was refreshed. */
  private async refreshIfPresent(ref: BlobRef): Promise<boolean> {
    if (!(await this.holds(ref))) return false;
    const { sdk, s3 } = await this.load();
    const Bucket = this.settings.bucket;
    const Key = this.keyOf(ref.sha256);
    // A copy onto itself must change something: replacing the metadata (with the same) is enough.
    const CopySource = `${Bucket}/${Key.split('/').map(encodeURIComponent).join('/')}`;
    try {
      await s3.send(new sdk.CopyObjectCommand({ Bucket, Key, CopySource, MetadataDirective: 'REPLACE' }));
      return true;
    } catch (err) {
      // Removed meanwhile, or not visible to this caller: it is uploaded (again).
      if (isUnknown(err)) return false;
      throw err;
    }
  }

  /**
   * Another writer's put of the same blob may fail ours (S3 answers 409 OperationAborted to concurrent operations on
   * one key, a loaded S3-compatible server a 5xx). Blobs are named by their content, so the object there at the
   * blob's size is the put done (its reader checks the SHA-256 as always); otherwise the failure stands.
   */
  private async upload(ref: BlobRef, bytes: Uint8Array): Promise<void> {
    const { sdk, s3 } = await this.load();
    try {
      await s3.send(
        new sdk.PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.keyOf(ref.sha256),
          Body: bytes,
          ContentType: 'application/octet-stream',
          ChecksumSHA256: Buffer.from(ref.sha256, 'hex').toString('base64'),
        }),
      );
    } catch (err) {
      if (await this.holds(ref)) return;
      throw err;
    }
  }

  /** True when the object is there with the blob's size; false when removed, never there, or not visible to us. */
  private async holds(ref: BlobRef): Promise<boolean> {
    const { sdk, s3 } = await this.load();
    try {
      const head = await s3.send(
        new sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(ref.sha256) }),
      );
      return head.ContentLength === ref.bytes;
    } catch (err) {
      if (isUnknown(err)) return false;
      throw err;
    }
  }

  async get(ref: BlobRef): Promise<Uint8Array> {
    const { sdk, s3 } = await this.load();
    let bytes: Uint8Array;
    try {
      const Key = this.keyOf(ref.sha256);
      const object = await s3.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key }));
      bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (err) {
      if (isAbsent(err)) throw new BlobNotFoundError(ref.sha256, this.location, { cause: err });
      throw err;
    }
    return checkedBlob(ref, bytes);
  }
}
