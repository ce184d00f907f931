/**
 * Credentials that expire during a job (docs/security.md#provider-credentials): real workflows on the real dev
 * server, real activities over HTTP to the simulators, which expire tokens on request while the job polls. A
 * rotated token file, a token command run again, and OAuth refreshes (Zoho's and Webex's grants) carry the job
 * across the expiry; a 401 straight after a fresh credential stays permanent.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeHistory } from '../../src/audit';
import { fetchJobHistories } from '../../src/client/job-audit';
import type { BulkJobResult, OperationId } from '../../src/domain/job';
import { jobId, moveUsers, waitFor } from '../helpers/jobs';
import { needlesOf } from '../helpers/plaintext-scan';
import { startStack, type Stack } from '../helpers/stack';

const FAST = { pollIntervalMs: 20 };
/** Polls before the simulated provider job completes: room to expire a token in the middle. */
const POLLS = 12;
const OAUTH_SECRET = 'oauth-client-secret-under-test';
const OAUTH_REFRESH = 'oauth-refresh-token-under-test';

let dir: string;
let stack: Stack;

function file(name: string, content?: string): string {
  const path = join(dir, name);
  if (content !== undefined) writeFileSync(path, content);
  return path;
}

/** The connections under test, all to the simulator at `url`. */
function connections(url: string): Record<string, unknown> {
  const oauth = (clientId: string, tokenPath: string) => ({
    baseUrl: url,
    oauthTokenUrl: `${url}${tokenPath}`,
    oauthClientId: clientId,
    oauthClientSecret: OAUTH_SECRET,
    oauthRefreshToken: OAUTH_REFRESH,
    tenants: '*',
  });
  const printFile = 'process.stdout.write(require("fs").readFileSync(process.argv[1], "utf8"))';
  return {
    webex: {
      rotating: { baseUrl: url, tokenFile: file('rotating-token'), tenants: '*' },
      vault: { baseUrl: url, tokenCommand: [process.execPath, '-e', printFile, file('vault')], tenants: '*' },
      integration: oauth('webex-app', '/v1/access_token'),
      stale: { baseUrl: url, tokenFile: file('stale-token'), tenants: '*' },
    },
    zoho: { crm: oauth('zoho-app', '/oauth/v2/token'), revoked: oauth('revoked-app', '/oauth/v2/token') },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bulkflow-expiring-credentials-'));
  stack = await startStack({
    name: 'expiring-credentials',
    env: (url) => {
      const config = file('bulkflow.json', JSON.stringify({ connections: connections(url) }));
      return { BULKFLOW_CONFIG: config };
    },
    simulators: { 'webex.moveUsers': { pollsToComplete: POLLS }, 'zoho.invitePortalUsers': { pollsToComplete: POLLS } },
  });
});

afterAll(async () => {
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  stack.sim.log.clear();
});

function startMove(connection: string): Promise<string> {
  return stack.jobs.start(
    { operation: 'webex.moveUsers', connection, input: { users: moveUsers(3, 'loc-A') } },
    { idempotencyKey: jobId(`creds-${connection}`), requestedBy: 'ops@example.test', tuning: FAST },
  );
}

function startInvite(connection: string): Promise<string> {
  const invites = [{ id: '5020928000000000001', userTypeId: '5020928000000523003', type: 'invite' }];
  return stack.jobs.start(
    { operation: 'zoho.invitePortalUsers', connection, input: { module: 'Contacts', invites } },
    { idempotencyKey: jobId(`creds-${connection}`), requestedBy: 'ops@example.test', tuning: FAST },
  );
}

function statuses(operation: OperationId, endpoint: string): (number | 'reset')[] {
  return stack.sim.log.entries({ endpoint: `${operation}.${endpoint}` }).map((entry) => entry.status);
}

/** Waits until the provider has answered `count` status polls of the running job with 200. */
async function pollsAnswered(operation: OperationId, count: number): Promise<void> {
  await waitFor(
    `${count} answered polls`,
    () => statuses(operation, 'status').filter((s) => s === 200).length >= count,
  );
}

/** Every 401 of the status endpoint was followed at once by a 200: the request sent again with a renewed token. */
function resentAfterEach401(operation: OperationId): boolean {
  const seen = statuses(operation, 'status');
  return seen.every((status, i) => status !== 401 || seen[i + 1] === 200);
}

async function succeeded(id: string): Promise<BulkJobResult> {
  const result = await stack.jobs.result(id);
  expect(result.state).toBe('succeeded');
  return result;
}

describe('a job across a token expiry', () => {
  it('waits for a late rotator of a token file, then runs on with the rotated token', async () => {
    writeFileSync(file('rotating-token'), 'file-token-1\n');
    stack.sim.credentials.accept('file-token-1');
    const id = await startMove('rotating');
    await pollsAnswered('webex.moveUsers', 2);

    stack.sim.credentials.expire('file-token-1');
    // The token file still holds the expired token: polls are refused until the rotator writes the new one.
    await waitFor('a poll refused the expired token', () => statuses('webex.moveUsers', 'status').includes(401));
    stack.sim.credentials.accept('file-token-2');
    writeFileSync(file('rotating-token'), 'file-token-2\n');

    const result = await succeeded(id);
    expect(result.providerJobs).toHaveLength(1);
    expect(statuses('webex.moveUsers', 'start')).toEqual([201]);
    await expectNoSecretInHistory(id, ['file-token-1', 'file-token-2']);
  });

  it('runs a token command again after a 401 and sends the refused poll again with its new token', async () => {
    writeFileSync(file('vault'), 'vault-token-1');
    stack.sim.credentials.accept('vault-token-1');
    const id = await startMove('vault');
    await pollsAnswered('webex.moveUsers', 2);

    writeFileSync(file('vault'), 'vault-token-2');
    stack.sim.credentials.accept('vault-token-2');
    stack.sim.credentials.expire('vault-token-1');

    await succeeded(id);
    expect(statuses('webex.moveUsers', 'status')).toContain(401);
    expect(resentAfterEach401('webex.moveUsers')).toBe(true);
    await expectNoSecretInHistory(id, ['vault-token-1', 'vault-token-2']);
  });

  it.each([
    ['zoho', 'crm', 'zoho.invitePortalUsers', 'zoho-app', false],
    ['webex', 'integration', 'webex.moveUsers', 'webex-app', true],
  ] as const)(
    'refreshes a %s access token over OAuth when the provider expires it',
    async (_provider, connection, operation, clientId, rotateRefreshToken) => {
      stack.sim.credentials.registerClient({
        clientId,
        clientSecret: OAUTH_SECRET,
        refreshToken: OAUTH_REFRESH,
        expiresInSeconds: 3600,
        rotateRefreshToken,
      });
      const id = operation === 'webex.moveUsers' ? await startMove(connection) : await startInvite(connection);
      await pollsAnswered(operation, 2);

      expect(stack.sim.credentials.expireIssued(clientId)).toBe(1);

      await succeeded(id);
      expect(stack.sim.credentials.issuedCount(clientId)).toBe(2);
      expect(statuses(operation, 'status')).toContain(401);
      expect(resentAfterEach401(operation)).toBe(true);
      await expectNoSecretInHistory(id, [OAUTH_SECRET, OAUTH_REFRESH]);
    },
  );
});

describe('a 401 straight after a fresh credential', () => {
  it('fails the batch with a permanent ProviderAuthError, the start sent once', async () => {
    writeFileSync(file('stale-token'), 'token-the-provider-never-accepted');
    const result = await stack.jobs.result(await startMove('stale'));

    expect(result.state).toBe('failed');
    expect(result.items.map((item) => item.code)).toEqual([
      'ProviderAuthError',
      'ProviderAuthError',
      'ProviderAuthError',
    ]);
    expect(statuses('webex.moveUsers', 'start')).toEqual([401]);
  });

  it('fails the batch with a permanent ProviderAuthError when the token endpoint refuses the refresh', async () => {
    const result = await stack.jobs.result(await startInvite('revoked'));

    expect(result.state).toBe('failed');
    // The batch's items carry the token endpoint's code and the ProviderAuthError's message.
    expect(result.items[0]?.code).toBe('invalid_client');
    expect(result.items[0]?.message).toContain('zoho refused the credentials');
    expect(stack.sim.log.entries({ endpoint: 'zoho.oauth.token' })).toHaveLength(1);
    expect(statuses('zoho.invitePortalUsers', 'start')).toEqual([]);
  });
});

/** The job's histories, decoded, hold none of `secrets` (as text or inside base64 payload data). */
async function expectNoSecretInHistory(id: string, secrets: readonly string[]): Promise<void> {
  const codecs = stack.client.options.loadedDataConverter.payloadCodecs;
  const histories = await Promise.all((await fetchJobHistories(stack.client, id)).map((h) => decodeHistory(h, codecs)));
  // Payload data is bytes: read it as text, so a secret in it shows as itself or in base64.
  const text = JSON.stringify(histories, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value,
  );
  expect(histories.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    for (const needle of needlesOf(secret)) expect(text).not.toContain(needle.toString('utf8'));
  }
}
