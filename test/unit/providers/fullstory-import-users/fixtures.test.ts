import type { z } from 'zod';
import { extractErrorDetails } from '../../../../src/http/classify';
import {
  BatchImportImportsPageSchema,
  CreateBatchImportRequestSchema,
  FullStoryErrorBodySchema,
  JobStatusResponseSchema,
} from '../../../../src/providers/fullstory-import-users/schemas';
import { createFullStoryImportUsersSimulator } from '../../../../src/providers/fullstory-import-users/simulator';
import { FullStoryImportUsersInputSchema } from '../../../../src/providers/fullstory-import-users/input';
import { mapImportJobStatus } from '../../../../src/providers/fullstory-import-users/status-mapping';
import { fullstoryImportUsers } from '../../../../src/providers/fullstory-import-users';
import { planImportUsers } from '../../../../src/providers/fullstory-import-users/plan';
import { throughEngine } from '../../../helpers/engine-run';
import { fixtureNames, loadFixture } from '../../../helpers/fixtures';
import { scriptedContext, scriptedHttp } from '../../../helpers/scripted-http';

const ERROR_STATUSES = [400, 401, 403, 404, 429, 500] as const;

const SCHEMAS: Record<string, z.ZodType> = {
  ...Object.fromEntries(ERROR_STATUSES.map((status) => [`fullstory-error-${status}.json`, FullStoryErrorBodySchema])),
  'fullstory-users-batch-create-request.json': CreateBatchImportRequestSchema,
  'fullstory-users-batch-imports-200.json': BatchImportImportsPageSchema,
  'fullstory-users-batch-status-200.json': JobStatusResponseSchema,
};

describe('FullStory batch import fixtures', () => {
  it('has a schema for every fullstory fixture on disk', () => {
    expect(fixtureNames('fullstory-')).toEqual(Object.keys(SCHEMAS).sort());
  });

  it.each(Object.entries(SCHEMAS))('parses %s against its schema', (name, schema) => {
    const result = schema.safeParse(loadFixture(name));
    expect(result.error).toBeUndefined();
  });

  it('maps the documented status example (FAILED, 42 imports, 2 errors) to partial', () => {
    const body = JobStatusResponseSchema.parse(loadFixture('fullstory-users-batch-status-200'));
    const snapshot = mapImportJobStatus({ status: body.job.status, imports: body.imports, errors: body.errors }, 44);
    expect(snapshot).toMatchObject({ state: 'partial', counts: { total: 44, succeeded: 42, failed: 2, pending: 0 } });
  });

  it('reads the per-user pages after the documented status example for a batch smaller than its counts', async () => {
    const [batch] = planImportUsers({ users: [{ uid: 'kit' }, { uid: 'lou' }, { uid: 'max' }] });
    if (!batch) throw new Error('no batch planned');
    const { http } = scriptedHttp('fullstory', (url) => {
      if (url.pathname.endsWith('/errors'))
        return { body: { results: [{ code: 'invalid_argument', user: { uid: 'lou' } }] } };
      if (url.pathname.endsWith('/imports')) return { body: { results: [{ uid: 'kit' }, { uid: 'max' }] } };
      return { body: loadFixture('fullstory-users-batch-status-200') };
    });
    const run = await throughEngine(fullstoryImportUsers, scriptedContext(http), batch);
    expect(run.refused).toBeUndefined();
    expect(run.result).toMatchObject({
      state: 'partial',
      counts: { total: 3, succeeded: 2, failed: 1, skipped: 0, pending: 0 },
      warnings: [{ kind: 'countsExceedTotal', providerFigures: { total: 3, succeeded: 42, failed: 2, skipped: 0 } }],
    });
  });

  it('reads total_records of the imports example as a count and keeps its next_page_token', () => {
    const page = BatchImportImportsPageSchema.parse(loadFixture('fullstory-users-batch-imports-200'));
    expect([page.total_records, page.next_page_token, page.results.map((u) => u.uid)]).toEqual([
      98,
      'asd543',
      ['xyz123', 'xyz124'],
    ]);
  });

  it('accepts the documented create request as caller input, in the same field names', () => {
    const { requests } = loadFixture('fullstory-users-batch-create-request') as { requests: unknown[] };
    expect(FullStoryImportUsersInputSchema.safeParse({ users: requests }).success).toBe(true);
  });

  it.each(ERROR_STATUSES)('answers scripted %i faults with the documented error body', (status) => {
    const sim = createFullStoryImportUsersSimulator();
    expect(sim.errorBody?.(status, 'ignored')).toEqual(loadFixture(`fullstory-error-${status}`));
  });

  it('extracts code and message of the documented 429 body', () => {
    const text = JSON.stringify(loadFixture('fullstory-error-429'));
    const headers = new Headers({ 'retry-after': '7' });
    const details = extractErrorDetails({ status: 429, headers, url: 'http://x', text, receivedAt: Date.now() });
    expect(details).toMatchObject({ code: 'too_many_requests', retryAfterMs: 7_000 });
  });
});
