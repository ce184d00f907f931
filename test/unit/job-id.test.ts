/** The one rule for job ids: tenant tag, then the caller's scoped key or a random id. */
import { jobIdFor, tenantTag, tenantTagOf } from '../../src/job-id';

describe('job ids', () => {
  it('derives the same id for the same tenant, caller and key, and another for any other caller or tenant', () => {
    const id = jobIdFor('org-1', 'billing', 'move-2026-11');
    expect(jobIdFor('org-1', 'billing', 'move-2026-11')).toBe(id);
    expect(jobIdFor('org-1', 'crm', 'move-2026-11')).not.toBe(id);
    expect(jobIdFor('org-2', 'billing', 'move-2026-11')).not.toBe(id);
    expect(id).toMatch(/^t[0-9a-f]{16}\.c[0-9a-f]{12}\.move-2026-11$/);
  });

  it('gives a new id every time without a key', () => {
    expect(jobIdFor('org-1', 'billing')).not.toBe(jobIdFor('org-1', 'billing'));
    expect(jobIdFor('org-1', 'billing')).toMatch(/^t[0-9a-f]{16}\.[0-9a-f-]{36}$/);
  });

  it('reads the tenant tag back from an id, and none from ids made before the rule', () => {
    expect(tenantTagOf(jobIdFor('org-1', 'billing', 'k'))).toBe(tenantTag('org-1'));
    expect(tenantTagOf('move-2026-11')).toBeUndefined();
    expect(tenantTagOf('bulk-6c1d0a4e-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
