/**
 * nginx as the TLS-terminating gRPC proxy in front of the plain-text dev server, as production clusters put one in
 * front of Temporal: it requires a client certificate signed by the test's CA (`ssl_verify_client on`) and passes
 * gRPC on (`grpc_pass`). Its access log uses a test-only format that records each call's `authorization` metadata
 * and client certificate, so a test can show what reached the proxy. Runs in the foreground, in a folder of its own.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../../src/dev/free-port';
import { NGINX, requireSystemTool } from '../../src/dev/tools';
import type { TestCertificates } from './certificates';
import { waitFor } from './jobs';

export interface TlsProxy {
  /** host:port of the proxy. */
  readonly address: string;
  /** The access log so far: one line per gRPC call (method path, status, client certificate, authorization). */
  accessLog(): string;
  close(): Promise<void>;
}

/** nginx's configuration: one TLS server with client verification, proxying gRPC to `upstream`. */
function nginxConfig(dir: string, port: number, upstream: string, certs: TestCertificates): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((n) => `${n}_temp_path ${join(dir, n)};`);
  return `daemon off;
master_process off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  ${temp.join('\n  ')}
  log_format grpc_test '$request_uri status=$status client="$ssl_client_s_dn" verify=$ssl_client_verify'
                      ' authorization="$http_authorization"';
  access_log ${join(dir, 'access.log')} grpc_test;
  server {
    listen 127.0.0.1:${port} ssl http2;
    ssl_certificate ${certs.server.cert};
    ssl_certificate_key ${certs.server.key};
    ssl_client_certificate ${certs.ca};
    ssl_verify_client on;
    # Workflow task completions can exceed 1 MiB; long polls last up to 70 s.
    client_max_body_size 0;
    grpc_read_timeout 300s;
    grpc_send_timeout 300s;
    location / { grpc_pass grpc://${upstream}; }
  }
}
`;
}

/** Resolves once something accepts TCP connections on 127.0.0.1:`port`. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Starts nginx in `dir` in front of `upstream` (host:port). Thrown when it exits or does not listen within 20 s. */
export async function startTlsProxy(dir: string, upstream: string, certs: TestCertificates): Promise<TlsProxy> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(dir, port, upstream, certs));
  writeFileSync(join(dir, 'access.log'), '');
  const child: ChildProcess = spawn(
    requireSystemTool(NGINX, 'nginx'),
    ['-p', dir, '-e', join(dir, 'error.log'), '-c', conf],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor('nginx listening', async () => child.exitCode !== null || (await accepts(port)), {
    timeoutMs: 20_000,
  });
  if (child.exitCode !== null)
    throw new Error(`nginx exited: ${stderr}${readFileSync(join(dir, 'error.log'), 'utf8')}`);
  return {
    address: `127.0.0.1:${port}`,
    accessLog: () => readFileSync(join(dir, 'access.log'), 'utf8'),
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
      await exited;
    },
  };
}
