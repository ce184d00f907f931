/**
 * The HTTP API (`buildApp`, through `inject()`) under hostile requests: any body, media type, header, path id or
 * query gets a 4xx problem (or, for a valid start, 202), never a 500 or a crash, and nothing is started unless the
 * answer is 202. The client behind the app is a fake that records what it was asked.
 */
import fc from 'fast-check';
import { BODY_LIMIT_BYTES } from '../../../src/api/app';
import { FUZZ, hostileShortString, hostileValue, sampleInput } from '../../helpers/hostile';
import { OPS_KEY, bearer, testApp } from '../api/helpers';
import type { TestApp } from '../api/helpers';

const MEDIA_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/problem+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '',
  'application/json, text/plain',
];

/** Request bodies: JSON of hostile values, valid starts with one field spoilt, and text that is not JSON at all. */
const bodyText = fc.oneof(
  hostileValue.map((value) => JSON.stringify(value) ?? 'undefined'),
  fc
    .record({ operation: fc.constantFrom('webex.moveUsers', 'oracle.syncUsers', 'x'), input: hostileValue })
    .map((b) => JSON.stringify(b)),
  fc.constant(JSON.stringify({ operation: 'zoho.invitePortalUsers', input: sampleInput('zoho.invitePortalUsers') })),
  hostileShortString,
  fc.constantFrom('{', '{"operation":', '[]', 'null', '"x"', '{"__proto__":{"x":1}}', '\ufeff{}', '{"a":1}{"b":2}'),
);

const JSON_HEADERS = { ...bearer(OPS_KEY), 'content-type': 'application/json' };

let t: TestApp;
beforeEach(() => {
  t = testApp();
});
afterEach(async () => {
  await t.app.close();
});

/** Asserts the answer is a 4xx problem or a 202, and that a job was started exactly when it was a 202. */
function expectHandled(status: number, contentType: unknown, startedBefore: number): void {
  expect(status).toBeLessThan(500);
  if (status === 202) {
    expect(t.jobs.started.length).toBe(startedBefore + 1);
    return;
  }
  expect(status).toBeGreaterThanOrEqual(400);
  expect(String(contentType)).toContain('application/problem+json');
  expect(t.jobs.started.length).toBe(startedBefore);
}

describe('POST /v1/jobs under hostile requests', () => {
  it('answers any body, media type and Idempotency-Key with a 4xx problem or 202, starting a job only on 202', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyText,
        fc.constantFrom(...MEDIA_TYPES),
        fc.option(hostileShortString.filter((k) => !/[^\t\x20-\x7e\x80-\xff]/.test(k))),
        async (payload, type, key) => {
          const before = t.jobs.started.length;
          const headers: Record<string, string> = { ...bearer(OPS_KEY), ...(type ? { 'content-type': type } : {}) };
          if (key !== null) headers['idempotency-key'] = key;
          const res = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers, payload });
          expectHandled(res.statusCode, res.headers['content-type'], before);
          if (res.statusCode === 400 && res.json<{ code?: string }>().code === 'RequestValidationError') {
            for (const issue of res.json<{ errors: Array<{ field: string }> }>().errors)
              expect(issue.field).not.toBe('');
          }
        },
      ),
      FUZZ,
    );
  });

  it('answers JSON nested 100,000 levels deep with a 4xx problem and starts nothing', async () => {
    // Written as text: JSON.stringify itself cannot go that deep.
    const payload = `{"operation":"webex.moveUsers","input":${'['.repeat(100_000)}1${']'.repeat(100_000)}}`;
    const res = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: JSON_HEADERS, payload });
    expectHandled(res.statusCode, res.headers['content-type'], 0);
  });

  it('answers a body over the limit with 413 and starts nothing', async () => {
    const payload = JSON.stringify({ operation: 'webex.moveUsers', input: { pad: 'x'.repeat(BODY_LIMIT_BYTES) } });
    const res = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: JSON_HEADERS, payload });
    expect(res.statusCode).toBe(413);
    expectHandled(res.statusCode, res.headers['content-type'], 0);
  });
});

describe('job routes under hostile ids and queries', () => {
  const route = fc.constantFrom(
    (id: string) => ({ method: 'GET' as const, url: `/v1/jobs/${id}` }),
    (id: string) => ({ method: 'GET' as const, url: `/v1/jobs/${id}/items` }),
    (id: string) => ({ method: 'GET' as const, url: `/v1/jobs/${id}/audit` }),
    (id: string) => ({ method: 'POST' as const, url: `/v1/jobs/${id}/cancel` }),
    (id: string) => ({ method: 'POST' as const, url: `/v1/jobs/${id}/pause` }),
  );
  const query = fc.dictionary(
    fc.constantFrom(
      'cursor',
      'limit',
      'outcome',
      'format',
      'operation',
      'state',
      'startedAfter',
      'tenant',
      '__proto__',
    ),
    hostileShortString,
  );

  it('answers any job id and query with a 2xx or a 4xx problem, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(route, hostileShortString, query, async (make, id, params) => {
        const { method, url } = make(encodeURIComponent(id));
        const search = new URLSearchParams(params).toString();
        const res = await t.app.inject({ method, url: search ? `${url}?${search}` : url, headers: bearer(OPS_KEY) });
        expect(res.statusCode).toBeLessThan(500);
        expect(t.jobs.started).toHaveLength(0);
      }),
      FUZZ,
    );
  });

  it('answers any list query with a 200 or a 4xx problem, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(query, async (params) => {
        const res = await t.app.inject({
          method: 'GET',
          url: `/v1/jobs?${new URLSearchParams(params).toString()}`,
          headers: bearer(OPS_KEY),
        });
        expect(res.statusCode).toBeLessThan(500);
      }),
      FUZZ,
    );
  });
});
