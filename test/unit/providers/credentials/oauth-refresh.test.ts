import { hasErrorName } from '../../../../src/domain/errors';
import type { ProviderName } from '../../../../src/domain/errors';
import { createHttpClient } from '../../../../src/http/client';
import { oauthTokenSource, refreshAccessToken } from '../../../../src/providers/credentials/oauth-refresh';
import type { OAuthClient, RefreshGrant } from '../../../../src/providers/credentials/oauth-refresh';
import { webexRefreshGrant } from '../../../../src/providers/webex-jobs/oauth-grant';
import { zohoRefreshGrant } from '../../../../src/providers/zoho-invite-portal-users/oauth-grant';
import { startSimulator, type SimulatorServer } from '../../../../src/simulator/server';
import { WEBEX_TOKEN_ENDPOINT, ZOHO_TOKEN_ENDPOINT } from '../../../../src/simulator/oauth-token-endpoints';

const SECRET = 'client-secret-never-logged';
const REFRESH = 'refresh-token-never-logged';

let sim: SimulatorServer;

beforeAll(async () => {
  sim = await startSimulator({ simulators: [], auth: { bearerTokens: ['static'] } });
});

beforeEach(() => sim.reset());

afterAll(() => sim.close());

interface Shape {
  readonly provider: ProviderName;
  readonly grant: RefreshGrant;
  readonly path: string;
  readonly endpoint: string;
  readonly refusedStatus: number;
}

const SHAPES: readonly Shape[] = [
  {
    provider: 'zoho',
    grant: zohoRefreshGrant,
    path: '/oauth/v2/token',
    endpoint: ZOHO_TOKEN_ENDPOINT,
    refusedStatus: 200,
  },
  {
    provider: 'webex',
    grant: webexRefreshGrant,
    path: '/v1/access_token',
    endpoint: WEBEX_TOKEN_ENDPOINT,
    refusedStatus: 400,
  },
];

function clientOf(shape: Shape, refreshToken = REFRESH): OAuthClient {
  return { tokenUrl: `${sim.url}${shape.path}`, clientId: `${shape.provider}-app`, clientSecret: SECRET, refreshToken };
}

function register(shape: Shape, rotateRefreshToken = false): void {
  sim.credentials.registerClient({
    clientId: `${shape.provider}-app`,
    clientSecret: SECRET,
    refreshToken: REFRESH,
    expiresInSeconds: 3600,
    rotateRefreshToken,
  });
}

function refresh(shape: Shape, client: OAuthClient = clientOf(shape)) {
  return refreshAccessToken(
    shape.provider,
    shape.grant,
    createHttpClient({ provider: shape.provider, baseUrl: client.tokenUrl }),
    client,
  );
}

async function thrown(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('expected a rejection');
  return err;
}

describe.each(SHAPES)('$provider refresh-token grant', (shape) => {
  it('obtains an access token the provider then accepts, expiring when the answer says', async () => {
    register(shape);
    const now = 5_000_000;
    const source = oauthTokenSource(shape.provider, shape.grant, clientOf(shape), { now: () => now });
    const token = await source.current();
    expect(sim.credentials.verdict(token)).toBe('accepted');
    expect(sim.credentials.issuedCount(`${shape.provider}-app`)).toBe(1);
    expect((await refresh(shape)).expiresInSeconds).toBe(3600);
  });

  it('refreshes again after the provider expired a token it had accepted', async () => {
    register(shape);
    const source = oauthTokenSource(shape.provider, shape.grant, clientOf(shape));
    const first = await source.current();
    source.accepted(first);
    sim.credentials.expireIssued(`${shape.provider}-app`);
    const second = await source.renewAfter(first);
    if (second.kind !== 'renewed') throw new Error(`expected a renewal, got ${second.kind}`);
    expect(second.value).not.toBe(first);
    expect(sim.credentials.verdict(second.value)).toBe('accepted');
  });

  it('turns a refused refresh token into a permanent ProviderAuthError that names no secret', async () => {
    register(shape);
    const err = await thrown(refresh(shape, clientOf(shape, 'revoked-refresh-token')));
    expect(hasErrorName(err, 'ProviderAuthError')).toBe(true);
    expect(err.message).toContain(`HTTP ${shape.refusedStatus}`);
    expect(err.message).not.toMatch(/revoked-refresh-token|never-logged/);
  });

  it('turns an unknown client into a permanent ProviderAuthError', async () => {
    const err = await thrown(refresh(shape));
    expect(hasErrorName(err, 'ProviderAuthError')).toBe(true);
  });

  it('leaves a 5xx of the token endpoint retryable', async () => {
    register(shape);
    sim.faults.add(shape.endpoint, { kind: 'status', status: 503 });
    const err = await thrown(refresh(shape));
    expect(hasErrorName(err, 'ProviderUnavailableError')).toBe(true);
  });

  it('gives up on a token endpoint that does not answer in time, retryably', async () => {
    register(shape);
    sim.faults.add(shape.endpoint, { kind: 'delay', ms: 1_000 });
    const source = oauthTokenSource(shape.provider, shape.grant, clientOf(shape), { timeoutMs: 100 });
    const err = await thrown(source.current());
    expect(hasErrorName(err, 'ProviderUnavailableError')).toBe(true);
    expect(err.message).toContain('timeout after 100 ms');
  });

  it('reports an answer outside the grant without quoting its body, which holds a token', async () => {
    register(shape);
    sim.faults.add(shape.endpoint, { kind: 'malformed', body: 'access_token=leaked-token' });
    sim.faults.add(shape.endpoint, {
      kind: 'malformed',
      body: '{"access_token":"leaked-token", "expires_in": "soon"}',
    });
    const first = await thrown(refresh(shape));
    const second = await thrown(refresh(shape));
    for (const err of [first, second]) {
      expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain('leaked-token');
    }
    expect([first, second].map((err) => hasErrorName(err, 'ProviderContractError'))).toEqual([true, true]);
  });

  it("leaves none of the grant's secrets in the request log", async () => {
    register(shape);
    await refresh(shape);
    const entries = sim.log.entries({ endpoint: shape.endpoint });
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toMatch(/never-logged/);
  });
});

describe('webex refresh-token rotation', () => {
  it('uses the refresh token the last answer gave for the next refresh', async () => {
    const webex = SHAPES[1]!;
    register(webex, true);
    const source = oauthTokenSource('webex', webexRefreshGrant, clientOf(webex));
    const first = await source.current();
    source.accepted(first);
    sim.credentials.expireIssued('webex-app');
    // The configured refresh token is spent: only the rotated one is accepted now.
    expect((await source.renewAfter(first)).kind).toBe('renewed');
    expect(sim.credentials.issuedCount('webex-app')).toBe(2);
  });
});
