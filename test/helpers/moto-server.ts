/**
 * moto's server mode as a real S3-compatible server for a test: started on a free port, ready once it answers
 * HTTP, stopped by `close`. Any credentials work with it; tests pass the ones here.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort } from '../../src/dev/free-port';
import { MOTO_SERVER, requireTool } from '../../src/dev/tools';
import { waitFor } from './jobs';

/** Credentials moto accepts (it accepts any); never a real account's. */
export const MOTO_CREDENTIALS = { accessKeyId: 'moto-test-access-key', secretAccessKey: 'moto-test-secret-key' };
export const MOTO_REGION = 'us-east-1';

export interface MotoServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** A client of the server (path-style, test credentials), for what the test checks behind the store's back. */
  readonly client: S3Client;
  /** Creates a bucket named `name`. */
  createBucket(name: string): Promise<void>;
  close(): Promise<void>;
}

/** True once something answers HTTP at `url`. */
async function answers(url: string): Promise<boolean> {
  return fetch(url).then(
    (response) => response.body?.cancel().then(() => true) ?? true,
    () => false,
  );
}

/** Starts moto on a free port; thrown when it exits or does not answer within 30 s (a port taken meanwhile: retried). */
export async function startMotoServer(attempts = 3): Promise<MotoServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(requireTool(MOTO_SERVER), ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor('moto answering', async () => child.exitCode !== null || (await answers(`${endpoint}/moto-api/`)), {
    timeoutMs: 30_000,
  });
  if (child.exitCode !== null) {
    if (attempts > 1) return startMotoServer(attempts - 1);
    throw new Error(`moto_server exited: ${stderr}`);
  }
  const client = new S3Client({ endpoint, region: MOTO_REGION, forcePathStyle: true, credentials: MOTO_CREDENTIALS });
  return {
    endpoint,
    client,
    async createBucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    async close() {
      client.destroy();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
