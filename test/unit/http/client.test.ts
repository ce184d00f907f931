import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from '../../../src/http/client';
import { RetryAfterWindows } from '../../../src/http/retry-after-windows';
import { ScopeCooldowns } from '../../../src/http/scope-cooldown';
import type { HttpClient, RenewableAuth, Renewal } from '../../../src/http/types';
import { hasErrorName } from '../../../src/domain/errors';

const TOKEN = 'Bearer sup3r-s3cret-t0ken';

interface Received {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

const received: Received[] = [];
let server: http.Server;
let baseOrigin: string;

function route(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
  received.push({ method: req.method, url: req.url, headers: req.headers, body });
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  switch (path) {
    case '/v1/reset':
      req.socket.destroy();
      return;
    case '/v1/slow-headers':
      return; // never answers
    case '/v1/slow-body':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
      return;
    case '/v1/fail':
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '9' }).end('overloaded');
      return;
    case '/v1/throttled':
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' }).end('{"code":"too_many"}');
      return;
    case '/v1/expiring':
      if (req.headers.authorization === 'Bearer fresh') res.writeHead(200).end('{"ok":true}');
      else res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"expired"}');
      return;
    case '/v1/redirect':
      res.writeHead(302, { location: `${baseOrigin}/v1/echo` }).end();
      return;
    default:
      res.writeHead(200, { 'content-type': 'application/json', trackingid: 'NA_1' }).end('{"ok":true}');
  }
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => route(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  received.length = 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(timeoutMs = 2_000): HttpClient {
  return createHttpClient({ provider: 'webex', baseUrl: `${baseOrigin}/v1`, auth: () => TOKEN, timeoutMs });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`rejected with a non-Error: ${String(err)}`);
  }
  throw new Error('expected a rejection');
}

describe('createHttpClient', () => {
  it('sends the method, the path under the base prefix, the query without undefined values and the headers', async () => {
    await client().send({ method: 'GET', path: '/jobs/42', query: { orgId: 'o-1', max: 10, start: undefined } });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'GET', url: '/v1/jobs/42?orgId=o-1&max=10' });
    expect(received[0]?.headers['authorization']).toBe(TOKEN);
    expect(received[0]?.headers['accept']).toBe('application/json');
  });

  it('sends a JSON body with its content type', async () => {
    await client().send({ method: 'POST', path: 'jobs', json: { users: ['u1'], validate: false } });
    expect(received[0]?.body).toBe('{"users":["u1"],"validate":false}');
    expect(received[0]?.headers['content-type']).toBe('application/json');
  });

  it('sends extra request headers', async () => {
    await client().send({ method: 'POST', path: '/batch', json: {}, headers: { 'Idempotency-Key': 'k-1' } });
    expect(received[0]?.headers['idempotency-key']).toBe('k-1');
  });

  it('returns status, headers, body text, URL and receive time', async () => {
    const before = Date.now();
    const response = await client().send({ method: 'GET', path: '/echo' });
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"ok":true}');
    expect(response.headers.get('TrackingID')).toBe('NA_1');
    expect(response.url).toBe(`${baseOrigin}/v1/echo`);
    expect(response.receivedAt).toBeGreaterThanOrEqual(before);
    expect(response.receivedAt).toBeLessThanOrEqual(Date.now());
  });

  it('returns a non-2xx response without throwing', async () => {
    const response = await client().send({ method: 'GET', path: '/fail' });
    expect(response.status).toBe(503);
    expect(response.text).toBe('overloaded');
    expect(response.headers.get('retry-after')).toBe('9');
  });

  it('returns a redirect as it is instead of following it', async () => {
    const response = await client().send({ method: 'GET', path: '/redirect' });
    expect(response.status).toBe(302);
    expect(received).toHaveLength(1);
  });

  it('accepts an absolute URL on the base origin', async () => {
    await client().send({ method: 'GET', path: `${baseOrigin}/v1/jobs/7?page=2` });
    expect(received[0]?.url).toBe('/v1/jobs/7?page=2');
  });

  it('refuses an absolute URL on another origin and sends nothing', async () => {
    const error = await failure(client().send({ method: 'GET', path: 'http://127.0.0.2:9/steal' }));
    expect(error.name).toBe('Error');
    expect(error.message).toContain('http://127.0.0.2:9');
    expect(received).toHaveLength(0);
  });

  it('keeps a protocol-relative path on the base origin', async () => {
    await client().send({ method: 'GET', path: '//evil.example/x' });
    expect(received[0]?.url).toBe('/v1/evil.example/x');
  });

  it('throws ProviderUnavailableError "connection reset" when the server destroys the socket', async () => {
    const error = await failure(client().send({ method: 'GET', path: '/reset' }));
    expect(error.name).toBe('ProviderUnavailableError');
    expect(error.message).toBe('webex unavailable: connection reset');
  });

  it('throws a timeout ProviderUnavailableError when the headers do not arrive in time', async () => {
    const error = await failure(client(150).send({ method: 'GET', path: '/slow-headers' }));
    expect(error.name).toBe('ProviderUnavailableError');
    expect(error.message).toBe('webex unavailable: timeout after 150 ms');
  });

  it('throws a timeout ProviderUnavailableError when the body does not finish in time', async () => {
    const error = await failure(client(150).send({ method: 'GET', path: '/slow-body' }));
    expect(error.message).toBe('webex unavailable: timeout after 150 ms');
  });

  it('lets the request timeout override the client default', async () => {
    const error = await failure(client(10_000).send({ method: 'GET', path: '/slow-headers', timeoutMs: 100 }));
    expect(error.message).toBe('webex unavailable: timeout after 100 ms');
  });

  it('throws ProviderUnavailableError "connection refused" when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = createHttpClient({ provider: 'zoho', baseUrl: `http://127.0.0.1:${port}`, auth: () => TOKEN });
    const error = await failure(refused.send({ method: 'GET', path: '/x' }));
    expect(error.name).toBe('ProviderUnavailableError');
    expect(error.message).toBe('zoho unavailable: connection refused');
  });

  it('never puts the token in the error message or stack', async () => {
    const error = await failure(client().send({ method: 'GET', path: '/reset' }));
    expect(error.message).not.toContain('s3cret');
    expect(error.stack ?? '').not.toContain('s3cret');
  });

  it('refuses an illegal Authorization value without quoting it', async () => {
    const broken = createHttpClient({ provider: 'webex', baseUrl: baseOrigin, auth: () => 'Bearer s3cret\r\nX: y' });
    const error = await failure(broken.send({ method: 'GET', path: '/echo' }));
    expect(error.message).toBe('the Authorization value is not a legal header value');
    expect(received).toHaveLength(0);
  });
});

describe('createHttpClient with shared Retry-After windows', () => {
  let now = 0;
  const windows = new RetryAfterWindows(() => now);
  const shared = (scope: string): HttpClient =>
    createHttpClient({
      provider: 'webex',
      baseUrl: `${baseOrigin}/v1`,
      auth: () => TOKEN,
      retryAfter: { windows, scope },
    });

  it('answers an identical request inside the window from the stored refusal, without sending it', async () => {
    now = Date.now();
    const first = await shared('webex/a').send({ method: 'GET', path: '/fail' });
    expect(first.heldByRetryAfter).toBeUndefined();
    now = first.receivedAt + 2_500;
    const held = await shared('webex/a').send({ method: 'GET', path: '/fail' });
    expect(received).toHaveLength(1);
    expect(held).toMatchObject({ status: 503, text: 'overloaded', heldByRetryAfter: true, receivedAt: now });
    expect(held.headers.get('retry-after')).toBe('6.500');
  });

  it('sends again once the window has closed, and never holds another connection, URL or body', async () => {
    now = Date.now();
    const first = await shared('webex/b').send({ method: 'GET', path: '/fail' });
    now = first.receivedAt + 1_000;
    await shared('webex/c').send({ method: 'GET', path: '/fail' });
    await shared('webex/b').send({ method: 'GET', path: '/fail', query: { page: 2 } });
    await shared('webex/b').send({ method: 'POST', path: '/fail', json: { n: 1 } });
    expect(received).toHaveLength(4);
    now = first.receivedAt + 9_000;
    const after = await shared('webex/b').send({ method: 'GET', path: '/fail' });
    expect(after.heldByRetryAfter).toBeUndefined();
    expect(received).toHaveLength(5);
  });

  it('opens no window for a success or a refusal without Retry-After', async () => {
    now = Date.now();
    await shared('webex/d').send({ method: 'GET', path: '/echo' });
    await shared('webex/d').send({ method: 'GET', path: '/echo' });
    await shared('webex/d').send({ method: 'GET', path: '/redirect' });
    await shared('webex/d').send({ method: 'GET', path: '/redirect' });
    expect(received).toHaveLength(4);
  });
});

describe('createHttpClient with one cooldown per rate-limit scope', () => {
  let now = 0;
  const scoped = (scope: string, extra: { hold?: (ms: number) => Promise<boolean>; onHeld?: () => void } = {}) => {
    const cooldowns = new ScopeCooldowns(
      () => now,
      () => 0,
    );
    const make = (name: string): HttpClient =>
      createHttpClient({
        provider: 'fullstory',
        baseUrl: `${baseOrigin}/v1`,
        auth: () => TOKEN,
        retryAfter: { windows: new RetryAfterWindows(() => now), scope: name, cooldowns, ...extra },
      });
    return { cooldowns, client: make(scope), other: make(`${scope}-other`) };
  };

  it('holds a request to another URL of the refused scope, unsent, with the rest of the window', async () => {
    now = Date.now();
    const held: string[] = [];
    const { client: scopeClient, other } = scoped('fullstory/a', { onHeld: () => held.push('held') });
    const refused = await scopeClient.send({ method: 'GET', path: '/throttled' });
    now = refused.receivedAt + 500;
    const answer = await scopeClient.send({ method: 'POST', path: '/echo', json: { n: 1 } });
    expect(answer).toMatchObject({ status: 429, heldByRetryAfter: true, url: `${baseOrigin}/v1/echo` });
    expect(answer.headers.get('retry-after')).toBe('1.500');
    expect(held).toEqual(['held']);
    await other.send({ method: 'GET', path: '/echo' });
    expect(received.map((r) => r.url)).toEqual(['/v1/throttled', '/v1/echo']);
  });

  it('waits for the slot and then sends, when the caller says it may wait', async () => {
    now = Date.now();
    const waits: number[] = [];
    const hold = (ms: number): Promise<boolean> => {
      waits.push(ms);
      now += ms;
      return Promise.resolve(true);
    };
    const { client: scopeClient } = scoped('fullstory/b', { hold });
    const refused = await scopeClient.send({ method: 'GET', path: '/throttled' });
    now = refused.receivedAt + 500;
    const answer = await scopeClient.send({ method: 'GET', path: '/echo' });
    expect(answer.status).toBe(200);
    expect(waits).toEqual([1_500]);
    expect(received.map((r) => r.url)).toEqual(['/v1/throttled', '/v1/echo']);
  });

  it('lets a client that has sent nothing yet wait for its slot too, when its caller can', async () => {
    now = Date.now();
    const waits: number[] = [];
    const hold = (ms: number): Promise<boolean> => {
      waits.push(ms);
      now += ms;
      return Promise.resolve(true);
    };
    const { client: first, cooldowns } = scoped('fullstory/e', { hold });
    const refused = await first.send({ method: 'GET', path: '/throttled' });
    now = refused.receivedAt + 100;
    const fresh = createHttpClient({
      provider: 'fullstory',
      baseUrl: `${baseOrigin}/v1`,
      auth: () => TOKEN,
      retryAfter: { windows: new RetryAfterWindows(() => now), scope: 'fullstory/e', cooldowns, hold },
    });
    expect((await fresh.send({ method: 'GET', path: '/echo' })).status).toBe(200);
    expect(waits).toEqual([1_900]);
    expect(received.map((r) => r.url)).toEqual(['/v1/throttled', '/v1/echo']);
  });

  it('answers at once with the held refusal when the caller cannot wait that long', async () => {
    now = Date.now();
    const { client: scopeClient } = scoped('fullstory/c', { hold: () => Promise.resolve(false) });
    const refused = await scopeClient.send({ method: 'GET', path: '/throttled' });
    now = refused.receivedAt + 100;
    expect((await scopeClient.send({ method: 'GET', path: '/echo' })).heldByRetryAfter).toBe(true);
    expect(received).toHaveLength(1);
  });
});

describe('createHttpClient with a renewable credential', () => {
  /** A credential that starts at `first` and renews to each of `renewals` in turn; records what it was asked. */
  function renewable(
    first: string,
    renewals: Renewal[],
  ): RenewableAuth & { rejected: string[]; acceptedValues: string[] } {
    const rejected: string[] = [];
    const acceptedValues: string[] = [];
    return {
      rejected,
      acceptedValues,
      header: () => Promise.resolve(first),
      accepted: (value) => acceptedValues.push(value),
      renewAfter: (value) => {
        rejected.push(value);
        return Promise.resolve(renewals.shift() ?? { kind: 'stands' });
      },
    };
  }

  function renewingClient(auth: RenewableAuth): HttpClient {
    return createHttpClient({ provider: 'zoho', baseUrl: `${baseOrigin}/v1`, auth, timeoutMs: 2_000 });
  }

  it('sends a request answered 401 once more with the renewed credential and returns that answer', async () => {
    const auth = renewable('Bearer expired', [{ kind: 'renewed', value: 'Bearer fresh' }]);
    const answer = await renewingClient(auth).send({ method: 'POST', path: '/expiring', json: { a: 1 } });
    expect(answer.status).toBe(200);
    expect(auth.rejected).toEqual(['Bearer expired']);
    expect(auth.acceptedValues).toEqual(['Bearer fresh']);
    expect(received.map((r) => [r.headers.authorization, r.body])).toEqual([
      ['Bearer expired', '{"a":1}'],
      ['Bearer fresh', '{"a":1}'],
    ]);
  });

  it('returns the 401 unsent again when the refused credential was fresh', async () => {
    const auth = renewable('Bearer expired', [{ kind: 'stands' }]);
    const answer = await renewingClient(auth).send({ method: 'GET', path: '/expiring' });
    expect(answer.status).toBe(401);
    expect(received).toHaveLength(1);
  });

  it('returns a 401 to the renewed credential as it is, renewing only once per request', async () => {
    const auth = renewable('Bearer expired', [
      { kind: 'renewed', value: 'Bearer also-expired' },
      { kind: 'renewed', value: 'Bearer fresh' },
    ]);
    const answer = await renewingClient(auth).send({ method: 'GET', path: '/expiring' });
    expect(answer.status).toBe(401);
    expect(auth.rejected).toEqual(['Bearer expired']);
    expect(auth.acceptedValues).toEqual([]);
    expect(received.map((r) => r.headers.authorization)).toEqual(['Bearer expired', 'Bearer also-expired']);
  });

  it('throws a retryable ProviderCredentialExpiredError when a credential that had worked has nothing newer yet', async () => {
    const auth = renewable('Bearer expired', [{ kind: 'notYet' }]);
    const err = await failure(renewingClient(auth).send({ method: 'GET', path: '/expiring' }));
    expect(hasErrorName(err, 'ProviderCredentialExpiredError')).toBe(true);
    expect((err as Error & { retryable: boolean }).retryable).toBe(true);
    expect(received).toHaveLength(1);
  });

  it('does not renew after an answer other than 401', async () => {
    const auth = renewable('Bearer expired', [{ kind: 'renewed', value: 'Bearer fresh' }]);
    expect((await renewingClient(auth).send({ method: 'GET', path: '/fail' })).status).toBe(503);
    expect(auth.rejected).toEqual([]);
    expect(auth.acceptedValues).toEqual(['Bearer expired']);
  });

  it('obtains the credential on ready() without sending anything', async () => {
    let asked = 0;
    const auth: RenewableAuth = {
      header: () => Promise.resolve(`Bearer t${(asked += 1)}`),
      accepted: () => undefined,
      renewAfter: () => Promise.resolve({ kind: 'stands' }),
    };
    await renewingClient(auth).ready?.();
    expect(asked).toBe(1);
    expect(received).toHaveLength(0);
  });

  it('sends a form body URL-encoded with its content type', async () => {
    await client().send({ method: 'POST', path: '/token', form: { grant_type: 'refresh_token', a: 'b c&d' } });
    expect(received[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(received[0]?.body).toBe('grant_type=refresh_token&a=b+c%26d');
  });
});
