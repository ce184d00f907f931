/**
 * Temporal over real mTLS: nginx terminates TLS in front of the plain-text dev server, requires a client certificate
 * signed by the test's CA and proxies gRPC on (test/helpers/tls-proxy.ts). A worker process configured only by
 * TEMPORAL_TLS_* variables and the CLI configured only by the temporal CLI's flags run a job through it; the same
 * profile file serves `bulkflow` and the `temporal` CLI; a certificate of another CA is refused in words; an API key
 * arrives at the proxy as the `authorization` metadata. The stack runs no worker of its own, so every task of the
 * job went through the proxy.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEMPORAL_CLI, requireTool } from '../../src/dev/tools';
import type { BulkJobResult } from '../../src/domain/job';
import { makeTestCertificates } from '../helpers/certificates';
import type { TestCertificates } from '../helpers/certificates';
import { runCli } from '../helpers/cli-process';
import { withoutTemporalSetup } from '../helpers/process-programs';
import { clientEnv, startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';
import { startTlsProxy } from '../helpers/tls-proxy';
import type { TlsProxy } from '../helpers/tls-proxy';
import { spawnWorker } from '../helpers/worker-process';
import type { WorkerProcess } from '../helpers/worker-process';

const SERVICE = '/temporal.api.workflowservice.v1.WorkflowService';

describe('Temporal over mTLS through nginx', () => {
  let stack: Stack;
  let dir: string;
  let certs: TestCertificates;
  let proxy: TlsProxy;
  let worker: WorkerProcess | undefined;
  let jobId: string;
  const requester = `tls-${randomUUID().slice(0, 8)}@example.test`;

  beforeAll(async () => {
    stack = await startStack({
      name: 'tls',
      inProcessWorker: false,
      simulators: { 'webex.moveUsers': { pollsToComplete: 1 } },
    });
    dir = mkdtempSync(join(tmpdir(), 'bulkflow-tls-'));
    certs = makeTestCertificates(dir);
    proxy = await startTlsProxy(join(dir, 'nginx'), stack.temporal.address, certs);
  });

  afterAll(async () => {
    await worker?.stop('SIGTERM');
    await proxy.close();
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The client's environment without any Temporal address: the connection comes from flags or a profile only. */
  function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
    const env = Object.entries(clientEnv(stack)).filter(([name]) => name !== 'TEMPORAL_ADDRESS');
    return { ...Object.fromEntries(env), BULKFLOW_REQUESTED_BY: requester, ...extra };
  }

  const tlsFlags = (pair: { cert: string; key: string }): string[] => [
    '--address',
    proxy.address,
    '--tls-cert-path',
    pair.cert,
    '--tls-key-path',
    pair.key,
    '--tls-ca-path',
    certs.ca,
  ];

  it('a worker (TEMPORAL_TLS_* variables) and the CLI (--tls-* flags) run a job through the proxy', async () => {
    worker = await spawnWorker({
      ...stack.env,
      TEMPORAL_ADDRESS: proxy.address,
      TEMPORAL_TLS_CLIENT_CERT_PATH: certs.client.cert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: certs.client.key,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.ca,
    });
    const input = join(dir, 'users.csv');
    writeFileSync(input, 'userId,locationId\nu1,loc-A\nu2,loc-A\n');
    const start = ['start', 'webex.moveUsers', '--input', input, '--set', `orgId=org-tls-${randomUUID().slice(0, 8)}`];
    const run = await runCli([...start, '--wait', '--json', ...tlsFlags(certs.client)], cliEnv());

    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as BulkJobResult;
    expect(result.state).toBe('succeeded');
    jobId = result.jobId;
    const log = proxy.accessLog();
    // The CLI started it, and the worker polled and completed its tasks, all through the proxy with the client cert.
    for (const method of ['StartWorkflowExecution', 'PollWorkflowTaskQueue', 'RespondActivityTaskCompleted'])
      expect(log).toContain(`${SERVICE}/${method} status=200 client="CN=client" verify=SUCCESS`);
  });

  it("reads a temporal CLI profile unchanged: the same file serves bulkflow's CLI and the temporal CLI", async () => {
    const profiles = join(dir, 'temporal.toml');
    writeFileSync(
      profiles,
      `[profile.proxied]\naddress = "${proxy.address}"\n[profile.proxied.tls]\n` +
        `client_cert_path = "${certs.client.cert}"\nclient_key_path = "${certs.client.key}"\n` +
        `server_ca_cert_path = "${certs.ca}"\n`,
    );
    const status = await runCli(['status', jobId, '--profile', 'proxied'], cliEnv({ TEMPORAL_CONFIG_FILE: profiles }));
    expect(status.stderr).not.toContain('error');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('succeeded');

    const describe = ['workflow', 'describe', '--workflow-id', jobId, '--profile', 'proxied', '--output', 'json'];
    const { stdout } = await promisify(execFile)(requireTool(TEMPORAL_CLI), describe, {
      env: { ...withoutTemporalSetup(process.env), TEMPORAL_CONFIG_FILE: profiles },
    });
    expect(stdout).toContain(jobId);
  });

  it('refuses a client certificate of another CA, saying so, in the CLI and in the worker', async () => {
    const run = await runCli(['list', ...tlsFlags(certs.stranger)], cliEnv());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `error: Temporal at ${proxy.address} refused the connection (HTTP 400): the server does not accept the ` +
        'client certificate; check --tls-cert-path',
    );
    const refused = spawnWorker({
      ...stack.env,
      TEMPORAL_ADDRESS: proxy.address,
      TEMPORAL_TLS_CLIENT_CERT_PATH: certs.stranger.cert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: certs.stranger.key,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.ca,
    });
    await expect(refused).rejects.toThrow('does not accept the client certificate');
    expect(proxy.accessLog()).toContain('client="CN=stranger" verify=FAILED');
  });

  it('sends an API key (TEMPORAL_API_KEY) to the proxy as the authorization metadata', async () => {
    const key = `bulkflow-test-key-${randomUUID()}`;
    const run = await runCli(['list', ...tlsFlags(certs.client)], cliEnv({ TEMPORAL_API_KEY: key }));
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(proxy.accessLog()).toContain(`${SERVICE}/ListWorkflowExecutions status=200 client="CN=client"`);
    expect(proxy.accessLog()).toContain(`authorization="Bearer ${key}"`);
  });
});
