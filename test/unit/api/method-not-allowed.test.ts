/** Methods a path does not serve: 405 with `Allow`, before authentication and body parsing. */
import { buildOpenApiDocument } from '../../../src/api/openapi';
import { allowHeader } from '../../../src/api/method-not-allowed';
import { body, testApp } from './helpers';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'QUERY'] as const;
type Method = (typeof METHODS)[number];

/** inject() sends any method; its type names fewer than Fastify routes (no QUERY). */
const injected = (method: string) => method as 'GET';

const paths = buildOpenApiDocument('1.0.0')['paths'] as Record<string, Record<string, unknown>>;

/** `/v1/jobs/{id}/cancel` → `/v1/jobs/job-1/cancel`. */
const concrete = (path: string): string => path.replace('{id}', 'job-1');

/** The methods the document lists for `path`, with HEAD wherever GET is (the server serves both). */
function served(path: string): Method[] {
  const listed = Object.keys(paths[path] ?? {}).map((method) => method.toUpperCase() as Method);
  return listed.includes('GET') ? [...listed, 'HEAD'] : listed;
}

const undeclared = Object.keys(paths).flatMap((path) =>
  METHODS.filter((method) => !served(path).includes(method)).map((method) => [path, method] as const),
);

describe('methods a path does not serve', () => {
  const { app } = testApp();
  afterAll(() => app.close());

  it('covers every documented path', () => {
    expect(new Set(undeclared.map(([path]) => path))).toEqual(new Set(Object.keys(paths)));
  });

  it.each(undeclared)('%s answers %s with 405 and Allow, without a key', async (path, method) => {
    const response = await app.inject({ method: injected(method), url: concrete(path) });
    expect(response.statusCode).toBe(405);
    expect(response.headers['allow']).toBe(allowHeader(served(path)));
    if (method !== 'HEAD') {
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(body(response)).toMatchObject({ status: 405, title: 'Method Not Allowed' });
    }
  });

  it('answers 405 before reading a body: none without Content-Type, nor a malformed one', async () => {
    const query = await app.inject({ method: injected('QUERY'), url: '/v1/jobs', payload: 'x' });
    const malformed = await app.inject({
      method: 'PUT',
      url: '/v1/jobs',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect([query.statusCode, malformed.statusCode]).toEqual([405, 405]);
  });

  it('names the route, not what the caller sent', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/v1/jobs/%1B%5B31m' });
    expect(response.json<{ detail: string }>().detail).toBe('/v1/jobs/:id does not serve DELETE; it serves GET, HEAD');
  });

  it('still answers 404 for a path that does not exist, whatever the method', async () => {
    const responses = await Promise.all(
      ['GET', 'TRACE'].map((method) => app.inject({ method: injected(method), url: '/v1/nothing' })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual([404, 404]);
  });
});
