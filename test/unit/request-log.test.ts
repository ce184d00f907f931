/**
 * The request logs of both servers (the HTTP API and the codec server) keep a URL's path, never its query: a
 * credential a client wrongly put in the URL (`?api_key=…`, `?token=…`) must not reach a log.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app';
import { buildCodecApp } from '../../src/codec/server/app';
import { createLogger, redactUrlQuery } from '../../src/logger';
import { createFakeJobs } from './api/fake-jobs';

const SECRET = 'leaked-credential-0123456789';

/** A logger that writes every line into `lines`. */
function capturing(lines: string[]) {
  return createLogger('info', { write: (line: string) => lines.push(line) });
}

async function logOf(build: (lines: string[]) => FastifyInstance, url: string): Promise<string[]> {
  const lines: string[] = [];
  const app = build(lines);
  await app.inject({ method: 'GET', url });
  await app.close();
  return lines;
}

/** The URLs the request log lines name. */
const loggedUrls = (lines: string[]): unknown[] =>
  lines.map((line) => (JSON.parse(line) as { req?: { url?: unknown } }).req?.url).filter((u) => u !== undefined);

describe('request logs', () => {
  it('the HTTP API logs the path of a URL with an api_key in its query, and not the key', async () => {
    const lines = await logOf(
      (captured) => buildApp({ jobs: createFakeJobs(), keys: [], logger: capturing(captured) }),
      `/v1/jobs?api_key=${SECRET}&limit=5`,
    );
    expect(loggedUrls(lines)).toEqual(['/v1/jobs?api_key=[redacted]&limit=[redacted]']);
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('the codec server logs the path of a URL with a token in its query, and not the token', async () => {
    const lines = await logOf(
      (captured) =>
        buildCodecApp({
          codecs: [],
          encodeCodecs: [],
          namespace: 'default',
          uiOrigins: [],
          logger: capturing(captured),
        }),
      `/healthz?token=${SECRET}`,
    );
    expect(loggedUrls(lines)).toEqual(['/healthz?token=[redacted]']);
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it.each([
    ['/v1/jobs', '/v1/jobs'],
    ['/v1/jobs?', '/v1/jobs?'],
    [`/v1/jobs?${SECRET}`, '/v1/jobs?[redacted]'],
    [`/v1/jobs?a=1&&token=${SECRET}=x`, '/v1/jobs?a=[redacted]&&token=[redacted]'],
  ])('redacts the query of %s', (url, logged) => {
    expect(redactUrlQuery(url)).toBe(logged);
  });
});
