/** Choosing the job an idempotency key names: the only one, else the caller's own, else a list to choose from. */
import { chooseKeyedJob } from '../../../src/client/job-lookup';
import type { JobInfo } from '../../../src/client';
import { jobIdFor } from '../../../src/job-id';
import { thrownBy } from '../../helpers/thrown';

const job = (tenant: string, caller: string, key = 'move-2026-12'): JobInfo => ({
  jobId: jobIdFor(tenant, caller, key),
  runId: 'r',
  status: 'RUNNING',
  state: 'running',
  tenant,
  requestedBy: caller,
  startTime: '2026-12-01T00:00:00.000Z',
});

describe('chooseKeyedJob', () => {
  it('takes the only job with the key, whoever started it', () => {
    const only = job('org-a', 'alice');
    expect(chooseKeyedJob('move-2026-12', [only], 'bob')).toBe(only.jobId);
  });

  it("takes the caller's own job among several with the key", () => {
    const mine = job('org-a', 'alice');
    expect(chooseKeyedJob('move-2026-12', [job('org-b', 'bob'), mine], 'alice')).toBe(mine.jobId);
  });

  it('lists every candidate, with tenant and requester, when the caller and tenant do not settle it', () => {
    const candidates = [job('org-a', 'alice'), job('org-b', 'alice')];
    const err = thrownBy(() => chooseKeyedJob('move-2026-12', candidates, 'alice')) as Error;
    expect(err).toMatchObject({ name: 'AmbiguousJobKeyError' });
    for (const c of candidates) expect(err.message).toContain(`${c.jobId} (tenant ${c.tenant}, requested by alice)`);
  });

  it('says what a job id looks like when no job has the key', () => {
    const err = thrownBy(() => chooseKeyedJob('move-2026-12', [], 'alice')) as Error;
    expect(err).toMatchObject({ name: 'JobNotFoundError' });
    expect(err.message).toMatch(
      /no job has the idempotency key move-2026-12 .*<tenant tag>\.<caller tag>\.<idempotency key>/,
    );
  });
});
