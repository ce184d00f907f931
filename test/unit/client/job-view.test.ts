/** How the client names a job's state from Temporal's execution status and the `BulkState` search attribute. */
import { AuditStateSchema } from '../../../src/audit/timeline';
import { JOB_VIEW_STATES } from '../../../src/client';
import { effectiveState } from '../../../src/client/job-view';

describe('effectiveState', () => {
  it('names a terminated or timed-out job as the audit does, never "failed"', () => {
    const auditStates: readonly string[] = AuditStateSchema.options.flatMap((option) => option.options);

    expect(effectiveState('TERMINATED', 'running')).toBe('terminated');
    expect(effectiveState('TIMED_OUT', 'running')).toBe('timedOut');
    expect(auditStates).toEqual(expect.arrayContaining(['terminated', 'timedOut']));
    expect(JOB_VIEW_STATES).toEqual(expect.arrayContaining(['terminated', 'timedOut']));
  });

  it('keeps a workflow that failed without a result failed, and a cancelled one cancelled', () => {
    expect(effectiveState('FAILED', 'running')).toBe('failed');
    expect(effectiveState('CANCELLED', 'running')).toBe('cancelled');
    expect(effectiveState('COMPLETED', 'partial')).toBe('partial');
  });
});
