/**
 * `POST /v1/jobs` with a `text/csv` body, through inject() on a fake client: the rows become the item list and the
 * query the envelope; limits answer 413 problems that name the size and the limit; problems name the row and column;
 * authentication, tenants, idempotency keys and the 100-problem list work as they do for a JSON body.
 */
import { Readable } from 'node:stream';
import { CSV_BODY_LIMIT_BYTES, JSON_BODY_LIMIT_BYTES } from '../../../src/api/body-limits';
import { ProblemSchema } from '../../../src/api/schemas';
import { body, bearer, OPS_KEY, ORG1_KEY, testApp } from './helpers';

const CSV = { 'content-type': 'text/csv' };
const HEADER = 'userId,locationId,phoneNumber,extension';
const MOVE = '/v1/jobs?operation=webex.moveUsers&input[orgId]=org-1';

/** The CSV body limit of the test app: small, so a body at it is quick to build and read. */
const LIMIT = 64 * 1024;

function post(url: string, payload: string | Readable, headers: Record<string, string> = {}) {
  const { app, jobs } = testApp({}, { csvBodyLimitBytes: LIMIT });
  const response = app.inject({
    method: 'POST',
    url,
    headers: { ...bearer(OPS_KEY), ...CSV, ...headers },
    payload,
  });
  return { jobs, response };
}

function problem(response: { json: () => unknown }) {
  return ProblemSchema.parse(response.json());
}

/** A FullStory CSV of exactly `bytes` bytes: rows of long display names, the last one padded to fit. */
function fullStoryCsvOf(bytes: number): string {
  const header = 'uid,display_name\n';
  const row = (i: number, pad: number) => `u${String(i).padStart(7, '0')},${'n'.repeat(pad)}\n`;
  const rowBytes = row(0, 240).length;
  const rows: string[] = [];
  let left = bytes - header.length;
  for (let i = 0; left > 0; i += 1) {
    // The last two rows share what is left, so no name grows past its 256 characters.
    const size = left >= 2 * rowBytes ? rowBytes : left > rowBytes ? Math.floor(left / 2) : left;
    rows.push(row(i, size - (rowBytes - 240)));
    left -= size;
  }
  return header + rows.join('');
}

describe('POST /v1/jobs with a text/csv body', () => {
  it('starts the job the rows and the query describe, with the key, tenant and callback of the request', async () => {
    const { jobs, response } = post(
      `${MOVE}&callbackUrl=${encodeURIComponent('https://hooks.example.test/bulk')}`,
      `${HEADER}\nu1,loc-A,,1001\nu2,loc-A,+14155550100,\n`,
      { 'idempotency-key': 'csv-move-1' },
    );
    const answer = await response;

    expect(answer.statusCode).toBe(202);
    expect(answer.headers.location).toBe('/v1/jobs/csv-move-1');
    expect(jobs.started).toEqual([
      {
        request: {
          operation: 'webex.moveUsers',
          connection: 'default',
          dryRun: false,
          input: {
            orgId: 'org-1',
            users: [
              { userId: 'u1', locationId: 'loc-A', extension: '1001' },
              { userId: 'u2', locationId: 'loc-A', phoneNumber: '+14155550100' },
            ],
          },
        },
        options: {
          requestedBy: 'ops@example.test',
          tenant: 'org-1',
          idempotencyKey: 'csv-move-1',
          callbackUrl: 'https://hooks.example.test/bulk',
        },
      },
    ]);
  });

  it('accepts a body of exactly the limit, and refuses one byte more with 413 naming both sizes', async () => {
    const atLimit = fullStoryCsvOf(LIMIT);
    expect(Buffer.byteLength(atLimit)).toBe(LIMIT);
    const accepted = post('/v1/jobs?operation=fullstory.importUsers', atLimit);
    expect((await accepted.response).statusCode).toBe(202);

    const over = post('/v1/jobs?operation=fullstory.importUsers', `${atLimit}\n`);
    const refused = await over.response;
    expect(refused.statusCode).toBe(413);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problem(refused)).toMatchObject({
      status: 413,
      code: 'RequestTooLargeError',
      detail: 'the body is 64.0 KiB (65,537 bytes), over the limit of 64.0 KiB (65,536 bytes) for text/csv',
    });
    expect(over.jobs.started).toEqual([]);
  });

  it('refuses a body sent without a length once more than the limit came', async () => {
    const chunk = `u,${'n'.repeat(200)}\n`.repeat(10);
    let sent = 0;
    const stream = Readable.from(
      (function* rows() {
        yield 'uid,display_name\n';
        for (; sent < 100 * LIMIT; sent += chunk.length) yield chunk;
      })(),
    );
    const { jobs, response } = post('/v1/jobs?operation=fullstory.importUsers', stream);
    const refused = await response;

    expect(refused.statusCode).toBe(413);
    expect(problem(refused).detail).toBe(
      'the body is more than 64.0 KiB (65,536 bytes), over the limit of 64.0 KiB (65,536 bytes) for text/csv',
    );
    expect(jobs.started).toEqual([]);
  });

  it('takes text/csv bodies up to 32 MiB by default, and refuses a longer declared length unread', async () => {
    const { app, jobs } = testApp();
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/jobs?operation=fullstory.importUsers',
      headers: { ...bearer(OPS_KEY), ...CSV, 'content-length': String(CSV_BODY_LIMIT_BYTES + 1) },
      payload: Readable.from(['uid\nu1\n']),
    });

    expect(CSV_BODY_LIMIT_BYTES).toBe(32 * 1024 * 1024);
    expect(refused.statusCode).toBe(413);
    expect(problem(refused).detail).toBe(
      'the body is 32.0 MiB (33,554,433 bytes), over the limit of 32.0 MiB (33,554,432 bytes) for text/csv',
    );
    expect(jobs.started).toEqual([]);
  });

  it('refuses more rows than the operation takes with 413, naming the limit', async () => {
    const rows = Array.from({ length: 100_001 }, (_, i) => `u${i},l`).join('\n');
    const { app, jobs } = testApp();
    const headers = { ...bearer(OPS_KEY), ...CSV };
    const refused = await app.inject({ method: 'POST', url: MOVE, headers, payload: `userId,locationId\n${rows}\n` });

    expect(refused.statusCode).toBe(413);
    expect(problem(refused).detail).toBe(
      'the body holds more than 100,000 rows; webex.moveUsers takes at most 100,000 users',
    );
    expect(jobs.started).toEqual([]);
  });

  it('names the row and column of each bad cell, a missing column once, and starts nothing', async () => {
    const { jobs, response } = post(MOVE, 'userId,phoneNumber\nu1,555\nu2,\n');
    const refused = await response;

    expect(refused.statusCode).toBe(400);
    expect(problem(refused).errors).toEqual([
      {
        field: 'body: line 1',
        message: expect.stringContaining('no column "locationId", which every row needs') as unknown,
      },
      { field: 'body: row 1 (line 2), column "phoneNumber"', message: expect.any(String) as unknown },
    ]);
    expect(jobs.started).toEqual([]);
  });

  it('names the line of CSV that does not parse, and a column that is no field by its position', async () => {
    const ragged = await post(MOVE, `${HEADER}\nu1,l,,1,extra\n`).response;
    expect(problem(ragged).errors).toEqual([
      { field: 'body: line 2', message: 'not valid CSV (CSV_RECORD_INCONSISTENT_COLUMNS)' },
    ]);

    const unknown = await post(MOVE, 'userId,locationId,hunter2\nu1,l,x\n').response;
    expect(unknown.statusCode).toBe(400);
    expect(problem(unknown).errors?.[0]?.field).toBe('body: line 1, column 3');
    expect(unknown.body).not.toContain('hunter2');
  });

  it('lists the first 100 problems of a long file and counts them all', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `u${i},,`).join('\n');
    const refused = await post(MOVE, `userId,locationId,phoneNumber\n${rows}\n`).response;
    const answer = problem(refused);

    expect(refused.statusCode).toBe(400);
    expect(answer.errors).toHaveLength(100);
    expect(answer.errors?.[0]?.field).toBe('body: row 1 (line 2), column "locationId"');
    expect(answer.errorCount).toBeGreaterThanOrEqual(100);
  });

  it.each([
    ['no operation', '/v1/jobs?input[orgId]=org-1', 'query.operation'],
    ['an unknown parameter', `${MOVE}&priority=high`, 'query.priority'],
    ['an input field that is not one', '/v1/jobs?operation=webex.moveUsers&input[office]=HQ', 'query.input[office]'],
    ["the rows' own list in the query", `${MOVE}&input[users]=x`, 'query.input[users]'],
    ['an input field given twice', `${MOVE}&input[orgId]=org-2`, 'query.input[orgId]'],
    ['a bad callback URL', `${MOVE}&callbackUrl=ftp://x`, 'query.callbackUrl'],
    ['an operation without an item list', '/v1/jobs?operation=webex.resendActivationEmails', 'query.itemsField'],
  ])('refuses %s, naming the parameter', async (_case, url, field) => {
    const { jobs, response } = post(url, `${HEADER}\nu1,l,,\n`);
    const refused = await response;

    expect(refused.statusCode).toBe(400);
    expect(problem(refused).errors?.[0]?.field).toBe(field);
    expect(jobs.started).toEqual([]);
  });

  it("refuses a tenant the key has no rights for, and a declared tenant that is not the job's", async () => {
    const other = await post(MOVE.replace('org-1', 'org-2'), `${HEADER}\nu1,l,,\n`, bearer(ORG1_KEY)).response;
    expect(other.statusCode).toBe(403);

    const mismatch = await post(`${MOVE}&tenant=org-9`, `${HEADER}\nu1,l,,\n`).response;
    expect(mismatch.statusCode).toBe(403);
    expect(problem(mismatch).code).toBe('TenantMismatchError');
  });

  it('answers 401 without a key, before reading the body', async () => {
    const { app, jobs } = testApp();
    const refused = await app.inject({ method: 'POST', url: MOVE, headers: CSV, payload: `${HEADER}\nu1,l,,\n` });

    expect(refused.statusCode).toBe(401);
    expect(jobs.started).toEqual([]);
  });

  it('refuses query parameters with a JSON body: they belong to a CSV start', async () => {
    const { app, jobs } = testApp();
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/jobs?operation=webex.moveUsers',
      headers: bearer(OPS_KEY),
      payload: { operation: 'webex.moveUsers', input: { orgId: 'org-1', users: [{ userId: 'u', locationId: 'l' }] } },
    });

    expect(refused.statusCode).toBe(400);
    expect(problem(refused).errors).toEqual([
      {
        field: 'query.operation',
        message: 'query parameters go with a text/csv body; a JSON body holds the whole request',
      },
    ]);
    expect(jobs.started).toEqual([]);
  });
});

describe('POST /v1/jobs with a JSON body over its limit', () => {
  it('answers 413 naming the size, the limit, and the CSV body', async () => {
    const { app, jobs } = testApp();
    const payload = JSON.stringify({ operation: 'webex.moveUsers', input: { pad: 'x'.repeat(JSON_BODY_LIMIT_BYTES) } });
    const headers = { ...bearer(OPS_KEY), 'content-type': 'application/json' };
    const refused = await app.inject({ method: 'POST', url: '/v1/jobs', headers, payload });

    expect(refused.statusCode).toBe(413);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(body(refused)).toMatchObject({
      status: 413,
      code: 'RequestTooLargeError',
      detail:
        `the body is 2.0 MiB (${Buffer.byteLength(payload).toLocaleString('en-US')} bytes), over the ` +
        "limit of 2.0 MiB (2,097,152 bytes) for application/json; send a start's items as text/csv (up to 32.0 MiB " +
        '(33,554,432 bytes), the operation and its options in the query)',
    });
    expect(jobs.started).toEqual([]);
  });
});

describe('POST /v1/jobs: CSV starts at once', () => {
  it('reads as many CSV starts at once as it takes, answers 503 with Retry-After to one more, and then takes it', async () => {
    const { app, jobs } = testApp({}, { maxCsvStarts: 2 });
    const original = jobs.startJob.bind(jobs);
    let release: () => void = () => {};
    const held = new Promise<void>((done) => (release = done));
    jobs.startJob = async (request, options) => {
      await held;
      return original(request, options);
    };
    const send = () =>
      app.inject({
        method: 'POST',
        url: MOVE,
        headers: { ...bearer(OPS_KEY), ...CSV },
        payload: `${HEADER}\nu1,l,,\n`,
      });
    const first = send();
    const second = send();
    await new Promise((done) => setImmediate(done));

    const third = await send();
    expect(third.statusCode).toBe(503);
    expect(third.headers['retry-after']).toBe('5');
    expect(problem(third).code).toBe('CsvStartsBusyError');

    release();
    expect((await first).statusCode).toBe(202);
    expect((await second).statusCode).toBe(202);
    expect((await send()).statusCode).toBe(202);
  });
});
