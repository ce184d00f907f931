import { FULLSTORY_JOB_STATUSES } from '../../../../src/providers/fullstory-import-users/schemas';
import { mapImportJobStatus } from '../../../../src/providers/fullstory-import-users/status-mapping';

describe('mapImportJobStatus', () => {
  it.each([
    ['PROCESSING', 0, 'running'],
    ['COMPLETED', 0, 'succeeded'],
    ['FAILED', 7, 'partial'],
    ['FAILED', 0, 'failed'],
  ])('maps %s with %i imports to %s', (status, imports, state) => {
    expect(mapImportJobStatus({ status, imports, errors: 3 }, 10).state).toBe(state);
  });

  it('maps every documented status without throwing', () => {
    for (const status of FULLSTORY_JOB_STATUSES) expect(() => mapImportJobStatus({ status }, 1)).not.toThrow();
  });

  it.each(['PENDING', 'UNKNOWN', 'CANCELLED_SOMEHOW'])('keeps polling on the undocumented status %s', (status) => {
    expect(mapImportJobStatus({ status, imports: 5 }, 5)).toMatchObject({ state: 'running', providerStatus: status });
  });

  it('keeps polling when the job has no status at all (the spec default UNKNOWN)', () => {
    expect(mapImportJobStatus({}, 2)).toMatchObject({ state: 'running', providerStatus: 'UNKNOWN' });
  });

  it('reports progress while processing: imports succeeded, errors failed, the rest pending', () => {
    expect(mapImportJobStatus({ status: 'PROCESSING', imports: 4, errors: 1 }, 10).counts).toEqual({
      total: 10,
      succeeded: 4,
      failed: 1,
      skipped: 0,
      pending: 5,
    });
  });

  it('counts every user of a COMPLETED job as imported even when imports is omitted', () => {
    expect(mapImportJobStatus({ status: 'COMPLETED' }, 3).counts).toEqual({
      total: 3,
      succeeded: 3,
      failed: 0,
      skipped: 0,
      pending: 0,
    });
  });

  it('gives a FAILED job a reason with both counts', () => {
    expect(mapImportJobStatus({ status: 'FAILED', imports: 42, errors: 2 }, 44)).toMatchObject({
      reason: expect.stringMatching(/FAILED: 42 imported, 2 failed/),
    });
  });

  it('takes imports + errors as the total when the batch size is unknown', () => {
    expect(mapImportJobStatus({ status: 'FAILED', imports: 42, errors: 2 }, 0).counts.total).toBe(44);
  });

  it('passes counts over the batch on as they are, for the engine to refuse (nothing clamped away)', () => {
    const { counts } = mapImportJobStatus({ status: 'FAILED', imports: 9, errors: 9 }, 10);
    expect(counts).toEqual({ total: 10, succeeded: 9, failed: 9, skipped: 0, pending: -8 });
  });
});
