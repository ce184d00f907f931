/** `GET /v1/jobs/{id}/audit` via inject() on a fake client: formats, content types, tenant rights, bad format. */
import { AuditTimelineSchema } from '../../../src/audit';
import { UnreadableHistoryError } from '../../../src/audit/errors';
import { JobNotFoundError } from '../../../src/client';
import { DataKeyNotFoundError } from '../../../src/codec';
import { ProblemSchema } from '../../../src/api/schemas';
import { bearer, body, OPS_KEY, ORG1_KEY, testApp } from './helpers';

const headers = bearer(OPS_KEY);

describe('GET /v1/jobs/{id}/audit', () => {
  it('answers the JSON timeline by default, parsing against the documented schema', async () => {
    const { app } = testApp();
    const response = await app.inject({ method: 'GET', url: '/v1/jobs/job-7/audit', headers });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const timeline = AuditTimelineSchema.parse(body(response));
    expect(timeline).toMatchObject({ jobId: 'job-7', state: 'partial', requestedBy: 'replay@example.test' });
  });

  it('answers NDJSON with one JSON object per line, ending with the summary', async () => {
    const { app } = testApp();
    const response = await app.inject({ method: 'GET', url: '/v1/jobs/job-7/audit?format=ndjson', headers });

    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = response.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ seq: 0, jobId: 'job-7', kind: 'requested' });
    expect(lines.at(-1)).toMatchObject({ kind: 'summary', state: 'partial' });
  });

  it('answers readable text', async () => {
    const { app } = testApp();
    const response = await app.inject({ method: 'GET', url: '/v1/jobs/job-7/audit?format=text', headers });

    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body).toMatch(/^Job job-7: webex\.moveUsers, partial\n/);
    expect(response.body).toContain('Failed items (1)');
  });

  it('rejects an unknown format naming the query field', async () => {
    const { app } = testApp();
    const response = await app.inject({ method: 'GET', url: '/v1/jobs/job-7/audit?format=xml', headers });

    expect(response.statusCode).toBe(400);
    expect(ProblemSchema.parse(body(response)).errors?.[0]?.field).toBe('query.format');
  });

  it('answers 404 to a caller without rights for the job tenant, as for a job that does not exist', async () => {
    const { app } = testApp({ 'job-9': 'org-2' });
    const response = await app.inject({ method: 'GET', url: '/v1/jobs/job-9/audit', headers: bearer(ORG1_KEY) });

    expect(response.statusCode).toBe(404);
  });

  it('answers 404 for an unknown job', async () => {
    const { app, jobs } = testApp();
    jobs.failWith = new JobNotFoundError('nope');
    const response = await app.inject({ method: 'GET', url: '/v1/jobs/nope/audit', headers });

    expect(response.statusCode).toBe(404);
  });

  it('answers 422 problem for a history the audit cannot read', async () => {
    const { app, jobs } = testApp();
    jobs.audit = () => Promise.reject(new UnreadableHistoryError('job-7', 'the start event names no requester'));
    const response = await app.inject({ method: 'GET', url: '/v1/jobs/job-7/audit', headers });

    expect(response.statusCode).toBe(422);
    expect(ProblemSchema.parse(body(response))).toMatchObject({ code: 'UnreadableHistoryError' });
  });

  it("answers 410 naming the key for a job whose tenant's data key was erased", async () => {
    const { app, jobs } = testApp();
    jobs.audit = () => Promise.reject(new DataKeyNotFoundError('t0123456789abcdef/1', '/var/lib/bulkflow/keys'));
    const response = await app.inject({ method: 'GET', url: '/v1/jobs/job-7/audit', headers });

    expect(response.statusCode).toBe(410);
    const problem = ProblemSchema.parse(body(response));
    expect(problem).toMatchObject({ code: 'DataKeyNotFoundError', title: 'Job data erased' });
    expect(problem.detail).toContain('t0123456789abcdef/1');
  });

  it("answers 410 without the server's tenant key directory anywhere in the problem", async () => {
    const { app, jobs } = testApp();
    jobs.get = () => Promise.reject(new DataKeyNotFoundError('t0123456789abcdef/1', '/srv/secret-place/tenant-keys'));
    const response = await app.inject({ method: 'GET', url: '/v1/jobs/job-7', headers });

    expect(response.statusCode).toBe(410);
    expect(response.body).not.toContain('/srv/secret-place');
    expect(ProblemSchema.parse(body(response)).detail).toContain('BULKFLOW_TENANT_KEY_DIR');
  });
});
