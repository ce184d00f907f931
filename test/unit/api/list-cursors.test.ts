/**
 * `GET /v1/jobs` cursors through the real `BulkJobClient` on a fake Temporal service: a cursor is keyed with the
 * configured secret, and one made without it (the old unkeyed scheme, a tampered one) is refused with a 400 on
 * `cursor` before Temporal is asked anything (Temporal answers a forged page token only after ~20 s of retries).
 */
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { sha256Hex } from '../../../src/api-keys-config';
import { buildApp } from '../../../src/api/app';
import { ProblemSchema } from '../../../src/api/schemas';
import { BulkJobClient } from '../../../src/client';
import { buildListQuery, parseJobListFilter } from '../../../src/client/list-query';
import { bearer, OPS_KEY } from './helpers';

const SECRET = 'cursor-secret-0123456789abcdef';
const TOKEN = Buffer.from('page-2-of-the-listing');

/** A Temporal client whose listing answers one empty page with a next page token, and records every call. */
function fakeTemporal() {
  const calls: Array<{ nextPageToken?: Uint8Array }> = [];
  const client = {
    options: { namespace: 'default', loadedDataConverter: {} },
    workflowService: {
      listWorkflowExecutions: (request: { nextPageToken?: Uint8Array }) => {
        calls.push(request);
        return Promise.resolve({ executions: [], nextPageToken: TOKEN });
      },
    },
  } as unknown as Client;
  return { client, calls };
}

function appWith(cursorSecret: string) {
  const temporal = fakeTemporal();
  const jobs = new BulkJobClient(temporal.client, 'bulkflow', { cursorSecret });
  const keys = [{ caller: 'ops', keySha256: sha256Hex(OPS_KEY), tenants: '*' as const }];
  return { app: buildApp({ jobs, keys }), calls: temporal.calls };
}

/** A cursor as anyone who read the old source could make one: an unkeyed SHA-256 over the query and the token. */
function unkeyedCursor(query: string, token: Buffer, checkLength: number): string {
  const encoded = token.toString('base64url');
  const check = createHash('sha256').update(`${query}\n${encoded}`).digest('base64url').slice(0, checkLength);
  return `${encoded}.${check}`;
}

const list = (app: ReturnType<typeof appWith>['app'], cursor?: string) =>
  app.inject({
    method: 'GET',
    url: `/v1/jobs${cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`}`,
    headers: bearer(OPS_KEY),
  });

describe('listing cursors', () => {
  it('hands out a cursor that reads the next page', async () => {
    const { app, calls } = appWith(SECRET);
    const first = await list(app);
    const cursor = first.json<{ nextCursor: string }>().nextCursor;
    expect((await list(app, cursor)).statusCode).toBe(200);
    expect(calls.map((c) => c.nextPageToken && Buffer.from(c.nextPageToken).toString())).toEqual([
      undefined,
      TOKEN.toString(),
    ]);
  });

  it.each([
    ['made with the old unkeyed SHA-256 check', (query: string) => unkeyedCursor(query, TOKEN, 16)],
    ['made with an unkeyed SHA-256 check of the new length', (query: string) => unkeyedCursor(query, TOKEN, 22)],
  ])('refuses a cursor %s with a 400 on cursor, without asking Temporal', async (_name, forge) => {
    const { app, calls } = appWith(SECRET);
    const response = await list(app, forge(buildListQuery(parseJobListFilter({}))));
    expect(response.statusCode).toBe(400);
    expect(ProblemSchema.parse(response.json()).errors?.map((e) => e.field)).toEqual(['cursor']);
    expect(calls).toEqual([]);
  });

  it('refuses a tampered cursor, and one signed with another secret, without asking Temporal', async () => {
    const { app, calls } = appWith(SECRET);
    const cursor = (await list(app)).json<{ nextCursor: string }>().nextCursor;
    const other = appWith('another-secret-0123456789abcdef');
    const foreign = (await list(other.app)).json<{ nextCursor: string }>().nextCursor;
    const tampered = `${Buffer.from('page-3-of-the-listing').toString('base64url')}.${cursor.split('.')[1] ?? ''}`;
    for (const forged of [tampered, foreign]) {
      const response = await list(app, forged);
      expect([response.statusCode, ProblemSchema.parse(response.json()).errors?.[0]?.field]).toEqual([400, 'cursor']);
    }
    expect(calls).toHaveLength(1);
  });
});
