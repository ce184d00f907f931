/**
 * The contract of a claim-check blob store, run against every store bulkflow has: the directory store on a temporary
 * folder, and the S3 store on a real S3-compatible server (moto, started by this file). The codec, the audit and
 * every process rely on exactly these behaviours, whichever store a deployment chose.
 */
import { randomBytes } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { FileBlobStore, S3BlobStore, sha256Of } from '../../../src/claim-check';
import type { BlobRef, BlobStore } from '../../../src/claim-check';
import { waitFor } from '../../helpers/jobs';
import { MOTO_CREDENTIALS, MOTO_REGION, startMotoServer } from '../../helpers/moto-server';
import type { MotoServer } from '../../helpers/moto-server';

/** A store, and what the test reads or changes behind its back. */
interface Subject {
  readonly store: BlobStore;
  /** Replaces the stored bytes of `ref` with `bytes`, as a faulty disk or a hand edit would. */
  corrupt(ref: BlobRef, bytes: Uint8Array): Promise<void>;
  /** When the blob was last written, in ms: the age a removal by age (sweep, lifecycle rule) counts from. */
  lastWritten(ref: BlobRef): Promise<number>;
  /** How many blobs the store holds. */
  count(): Promise<number>;
  close(): Promise<void>;
}

interface Backend {
  readonly name: string;
  /** The granularity of `lastWritten`: S3 keeps whole seconds. */
  readonly clockResolutionMs: number;
  start(): Promise<Subject>;
}

const directory: Backend = {
  name: 'directory',
  clockResolutionMs: 1,
  start() {
    const dir = mkdtempSync(join(tmpdir(), 'blob-store-'));
    const store = new FileBlobStore(join(dir, 'blobs'));
    const pathOf = (ref: BlobRef) => join(dir, 'blobs', ref.sha256.slice(0, 2), ref.sha256);
    return Promise.resolve({
      store,
      corrupt: (ref, bytes) => Promise.resolve(writeFileSync(pathOf(ref), bytes)),
      lastWritten: (ref) => Promise.resolve(statSync(pathOf(ref)).mtimeMs),
      count: () =>
        Promise.resolve(
          readdirSync(join(dir, 'blobs'), { recursive: true, encoding: 'utf8' }).filter((name) =>
            statSync(join(dir, 'blobs', name)).isFile(),
          ).length,
        ),
      close: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    });
  },
};

let moto: MotoServer | undefined;

const s3: Backend = {
  name: 'S3',
  clockResolutionMs: 1_000,
  async start() {
    moto ??= await startMotoServer();
    const server = moto;
    const bucket = `blobs-${randomBytes(6).toString('hex')}`;
    await server.createBucket(bucket);
    const settings = { bucket, prefix: 'claim-check/', region: MOTO_REGION, endpoint: server.endpoint };
    const store = new S3BlobStore({ ...settings, forcePathStyle: true }, { credentials: MOTO_CREDENTIALS });
    const Key = (ref: BlobRef) => `claim-check/${ref.sha256}`;
    return {
      store,
      async corrupt(ref, bytes) {
        await server.client.send(new PutObjectCommand({ Bucket: bucket, Key: Key(ref), Body: bytes }));
      },
      async lastWritten(ref) {
        const head = await server.client.send(new HeadObjectCommand({ Bucket: bucket, Key: Key(ref) }));
        return head.LastModified?.getTime() ?? Number.NaN;
      },
      async count() {
        const listed = await server.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'claim-check/' }));
        return listed.KeyCount ?? 0;
      },
      close: () => Promise.resolve(),
    };
  },
};

afterAll(async () => {
  await moto?.close();
});

describe.each([directory, s3])('the $name blob store', (backend) => {
  let subject: Subject;
  let store: BlobStore;

  beforeEach(async () => {
    subject = await backend.start();
    store = subject.store;
  });

  afterEach(async () => {
    await subject.close();
  });

  const blob = (size = 4_096): Uint8Array => new Uint8Array(randomBytes(size));

  it('gives back the bytes put, under their SHA-256 and size', async () => {
    const bytes = blob();
    const ref = await store.put(bytes);
    expect(ref).toEqual({ sha256: sha256Of(bytes), bytes: bytes.length });
    expect(Buffer.from(await store.get(ref)).equals(bytes)).toBe(true);
  });

  it('keeps one blob for the same bytes put twice', async () => {
    const bytes = blob();
    const first = await store.put(bytes);
    const second = await store.put(bytes);
    expect(second).toEqual(first);
    expect(await subject.count()).toBe(1);
    expect(Buffer.from(await store.get(first)).equals(bytes)).toBe(true);
  });

  it('refuses bytes that no longer match the digest with BlobIntegrityError', async () => {
    const ref = await store.put(blob());
    await subject.corrupt(ref, blob());
    await expect(store.get(ref)).rejects.toMatchObject({ name: 'BlobIntegrityError', sha256: ref.sha256 });
  });

  it('answers a blob it does not hold with BlobNotFoundError naming both stores, the location kept out', async () => {
    const ref = { sha256: sha256Of(blob()), bytes: 4_096 };
    const err = await store.get(ref).then(
      () => undefined,
      (e: unknown) => e as Error & { location?: string; sha256?: string },
    );
    expect(err).toMatchObject({ name: 'BlobNotFoundError', sha256: ref.sha256, location: store.location });
    expect(err?.message).toContain(ref.sha256);
    expect(err?.message).toMatch(/BULKFLOW_CLAIM_CHECK_DIR or BULKFLOW_CLAIM_CHECK_S3_BUCKET/);
    expect(err?.message).not.toContain(store.location);
  });

  it('takes concurrent puts of the same blob, and keeps it whole', async () => {
    const bytes = blob(512 * 1024);
    const refs = await Promise.all(Array.from({ length: 8 }, () => store.put(bytes)));
    expect(new Set(refs.map((ref) => ref.sha256))).toEqual(new Set([sha256Of(bytes)]));
    expect(await subject.count()).toBe(1);
    expect(Buffer.from(await store.get(refs[0] as BlobRef)).equals(bytes)).toBe(true);
  });

  it('round-trips a blob of several megabytes', async () => {
    const bytes = blob(5 * 1024 * 1024);
    const ref = await store.put(bytes);
    expect(ref.bytes).toBe(5 * 1024 * 1024);
    expect(sha256Of(await store.get(ref))).toBe(ref.sha256);
  });

  it('refreshes the age of a blob put again, so a removal by age counts from the last reference', async () => {
    const bytes = blob();
    const ref = await store.put(bytes);
    const written = await subject.lastWritten(ref);
    // The store's clock must move past the first write (S3 keeps whole seconds) before a refresh can show.
    await waitFor('the store clock to pass the first write', () => Date.now() >= written + backend.clockResolutionMs, {
      everyMs: 20,
    });

    await store.put(bytes);
    expect(await subject.lastWritten(ref)).toBeGreaterThan(written);
    expect(Buffer.from(await store.get(ref)).equals(bytes)).toBe(true);
  });
});

/**
 * A proxy in front of moto that forwards every request, and answers `PutObject` (a PUT that is not a copy) with S3's
 * 409 OperationAborted: after moto stored the object when `conflict` is 'after' (another writer's put won), without
 * forwarding it when 'before'.
 */
async function conflictingProxy(target: string, conflict: 'after' | 'before'): Promise<Server & { url: string }> {
  const upstream = new URL(target);
  const abort = (res: ServerResponse) => {
    res.writeHead(409, { 'content-type': 'application/xml' });
    res.end(
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>OperationAborted</Code><Message>A conflicting ' +
        'conditional operation is currently in progress against this resource.</Message></Error>',
    );
  };
  const server = createServer((req: IncomingMessage, res) => {
    const put = req.method === 'PUT' && req.headers['x-amz-copy-source'] === undefined;
    if (put && conflict === 'before') {
      req.resume();
      req.on('end', () => abort(res));
      return;
    }
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (put) {
          answer.resume();
          answer.on('end', () => abort(res));
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forwarded);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return Object.assign(server, { url: `http://127.0.0.1:${port}` });
}

describe('the S3 blob store when its put meets a conflicting one', () => {
  async function storeBehind(conflict: 'after' | 'before') {
    moto ??= await startMotoServer();
    const server = moto;
    const bucket = `blobs-${randomBytes(6).toString('hex')}`;
    await server.createBucket(bucket);
    const proxy = await conflictingProxy(server.endpoint, conflict);
    const settings = { bucket, prefix: 'claim-check/', region: MOTO_REGION, endpoint: proxy.url, forcePathStyle: true };
    const store = new S3BlobStore(settings, { credentials: MOTO_CREDENTIALS, maxAttempts: 1 });
    const count = async () =>
      (await server.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'claim-check/' }))).KeyCount ?? 0;
    return { store, count, close: () => new Promise((closed) => proxy.close(closed)) };
  }

  it('takes the 409 as done when the blob is there at its size afterwards (another writer stored it)', async () => {
    const { store, count, close } = await storeBehind('after');
    try {
      const bytes = new Uint8Array(randomBytes(64 * 1024));
      const ref = await store.put(bytes);
      expect(ref).toEqual({ sha256: sha256Of(bytes), bytes: bytes.length });
      expect(await count()).toBe(1);
      expect(Buffer.from(await store.get(ref)).equals(bytes)).toBe(true);
    } finally {
      await close();
    }
  });

  it('fails the put with the 409 when the blob is not there', async () => {
    const { store, count, close } = await storeBehind('before');
    try {
      await expect(store.put(new Uint8Array(randomBytes(64 * 1024)))).rejects.toMatchObject({
        name: 'OperationAborted',
      });
      expect(await count()).toBe(0);
    } finally {
      await close();
    }
  });
});
