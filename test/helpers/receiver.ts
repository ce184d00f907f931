/** A local HTTP receiver for completion callbacks: records each request and answers with scripted statuses. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  readonly status: number;
}

export interface Receiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Answers the i-th request with `statuses[i]`, and 200 once they run out. `port` 0 takes any free port; a fixed one
 * lets a stack allow-list the receiver's origin before it starts.
 */
export async function startReceiver(statuses: readonly number[] = [], port = 0): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = statuses[requests.length] ?? 200;
      requests.push({
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
      });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'receiver down');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/bulkflow-callback`,
    requests,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** Configuration that lets callbacks reach a receiver on `port` of this machine (loopback is refused otherwise). */
export function receiverCallbackEnv(port: number): Record<string, string> {
  return {
    BULKFLOW_CALLBACK_ORIGINS: `http://127.0.0.1:${port}`,
    BULKFLOW_CALLBACK_ALLOWED_NETWORKS: '127.0.0.1/32',
  };
}
