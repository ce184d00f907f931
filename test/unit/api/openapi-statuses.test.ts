/**
 * Every status a route answers is one its OpenAPI operation lists: each failure the client can raise there, and a
 * request without a key. (The contract test, test/integration/api-contract.test.ts, fuzzes the requests themselves.)
 */
import { buildOpenApiDocument } from '../../../src/api/openapi';
import { UnreadableHistoryError } from '../../../src/audit';
import { IdempotencyConflictError, JobClosedError, JobNotFoundError } from '../../../src/client';
import { invalidCursor } from '../../../src/client/list-query';
import { DataKeyNotFoundError, DecryptionError, UnknownMasterKeyError } from '../../../src/codec/errors';
import { RequestTooLargeError, TenantMismatchError } from '../../../src/domain/errors';
import { OPS_KEY, bearer, body, moveRequest, testApp } from './helpers';

type Operations = Record<string, Record<string, { responses: Record<string, unknown> }>>;
const paths = buildOpenApiDocument('1.0.0')['paths'] as Operations;

/** What a gRPC call throws when Temporal does not answer (UNAVAILABLE). */
const TEMPORAL_DOWN = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
  name: 'ServiceError',
  code: 14,
  metadata: {},
});
const ERASED = new DataKeyNotFoundError('tenant-key-1', '/keys');
const NOT_FOUND = new JobNotFoundError('job-1');
/** A job sealed under a master key this server lacks, or altered: it exists, and cannot be read here. */
const UNREADABLE = [new UnknownMasterKeyError('m9', 'tenant-key-1'), new DecryptionError('tenant-key-1', 'payload')];
const READ_FAILURES = [TEMPORAL_DOWN, ERASED, NOT_FOUND, ...UNREADABLE];

/** Each operation, as a request, with the failures the client may raise under it. */
const OPERATIONS: ReadonlyArray<readonly [string, string, readonly Error[]]> = [
  [
    'POST',
    '/v1/jobs',
    [
      TEMPORAL_DOWN,
      ERASED,
      new IdempotencyConflictError('job-1'),
      new TenantMismatchError('a', 'b'),
      new RequestTooLargeError('over the payload limit', { value: 3e6, exact: true }, 2 * 1024 * 1024, 'bytes'),
    ],
  ],
  ['GET', '/v1/jobs', [TEMPORAL_DOWN, ERASED, invalidCursor()]],
  ['GET', '/v1/jobs/{id}', READ_FAILURES],
  ['GET', '/v1/jobs/{id}/items', [...READ_FAILURES, invalidCursor()]],
  ['GET', '/v1/jobs/{id}/audit', [...READ_FAILURES, new UnreadableHistoryError('job-1', 'history has no start event')]],
  ...['cancel', 'pause', 'resume'].map(
    (action) =>
      ['POST', `/v1/jobs/{id}/${action}`, [...READ_FAILURES, new JobClosedError('job-1', 'COMPLETED')]] as const,
  ),
  ['GET', '/readyz', [TEMPORAL_DOWN]],
];

function documented(method: string, path: string): string[] {
  return Object.keys(paths[path]?.[method.toLowerCase()]?.responses ?? {});
}

function inject(method: string, path: string, failure: Error | undefined, headers = bearer(OPS_KEY)) {
  const { app, jobs } = testApp();
  if (failure) jobs.failWith = failure;
  if (failure && path === '/readyz') jobs.ready = false;
  const request = { method: method as 'GET' | 'POST', url: path.replace('{id}', 'job-1'), headers };
  return app.inject(method === 'POST' && path === '/v1/jobs' ? { ...request, payload: moveRequest() } : request);
}

describe('statuses a route answers are documented', () => {
  it('covers every operation of the document', () => {
    const listed = Object.entries(paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const driven = OPERATIONS.map(([method, path]) => `${method} ${path}`);
    expect(listed.filter((op) => !driven.includes(op)).sort()).toEqual(['GET /healthz', 'GET /openapi.json']);
  });

  const cases = OPERATIONS.flatMap(([method, path, failures]) =>
    failures.map((failure) => [`${method} ${path}`, failure.name, method, path, failure] as const),
  );

  it.each(cases)('%s: the answer to %s is documented', async (_name, _failure, method, path, failure) => {
    const response = await inject(method, path, failure);
    expect(documented(method, path)).toContain(String(response.statusCode));
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each(OPERATIONS.filter(([, path]) => path.startsWith('/v1')))(
    '%s %s: the answer without a key is documented',
    async (method, path) => {
      const response = await inject(method, path, undefined, {});
      expect(response.statusCode).toBe(401);
      expect(documented(method, path)).toContain('401');
    },
  );

  it('answers an id longer than the router passes on as a documented 400, not a 414', async () => {
    const response = await inject('GET', `/v1/jobs/${'x'.repeat(5_000)}`, undefined);
    expect(response.statusCode).toBe(400);
    expect(body(response)).toMatchObject({ status: 400, code: 'FST_ERR_MAX_PARAM_LENGTH' });
    expect(documented('GET', '/v1/jobs/{id}')).toContain('400');
  });

  it('answers an id that is too long for a job id, but routable, as a 400 naming path.id', async () => {
    const response = await inject('GET', `/v1/jobs/${'x'.repeat(301)}`, undefined);
    expect(body(response)).toMatchObject({ status: 400, errors: [{ field: 'path.id' }] });
  });

  it('answers a request whose headers exceed 16 KiB with a documented 431 problem, on every operation', async () => {
    const { app } = testApp();
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const response = await fetch(`${url}/v1/jobs?tenant=${'t'.repeat(20_000)}`, { headers: bearer(OPS_KEY) });
      expect(response.status).toBe(431);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 431, title: 'Request Header Fields Too Large' });
    } finally {
      await app.close();
    }
    const operations = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => documented(m, path)));
    expect(operations.every((statuses) => statuses.includes('431'))).toBe(true);
  });
});
