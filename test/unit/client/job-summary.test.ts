/** The static summary and details a job starts with: readable, and free of credentials and per-user data. */
import { countRequestItems, jobStaticDetails, jobStaticSummary, jobSummary } from '../../../src/client/job-summary';
import type { JobSummaryFacts } from '../../../src/client/job-summary';
import type { BulkJobRequest } from '../../../src/domain/job';

const users = Array.from({ length: 300 }, (_, i) => ({
  userId: `user-${i}`,
  locationId: 'loc-A',
  email: `person${i}@customer.example`,
  phoneNumber: '+31201234567',
}));

const move: BulkJobRequest = { operation: 'webex.moveUsers', connection: 'emea', dryRun: false, input: { users } };

const facts = (overrides: Partial<JobSummaryFacts> = {}): JobSummaryFacts => ({
  jobId: 'move-amsterdam-2026-11',
  request: move,
  requestedBy: 'alice@ops',
  tenant: 'acme',
  ...overrides,
});

describe('countRequestItems', () => {
  it('sums the lengths of the top-level lists of the input', () => {
    expect(countRequestItems({ users: [1, 2, 3] })).toBe(3);
    expect(countRequestItems({ added: [1], modified: [1, 2], deleted: [], note: 'x' })).toBe(3);
  });

  it('is undefined when the input lists nothing', () => {
    expect(countRequestItems({ orgId: 'org-1' })).toBeUndefined();
    expect(countRequestItems([1, 2])).toBeUndefined();
    expect(countRequestItems(null)).toBeUndefined();
    expect(countRequestItems('users')).toBeUndefined();
  });
});

describe('jobStaticSummary', () => {
  it('reads operation · tenant · items · requester on one line', () => {
    expect(jobStaticSummary(facts())).toBe('webex.moveUsers · tenant acme · 300 items · by alice@ops');
  });

  it('names the connection when no tenant was given, and marks a dry run', () => {
    const request: BulkJobRequest = { ...move, dryRun: true, input: { users: users.slice(0, 1) } };
    expect(jobStaticSummary(facts({ request, tenant: undefined }))).toBe(
      'webex.moveUsers · connection emea · 1 item · by alice@ops · dry run',
    );
  });

  it('leaves the count out for a whole-org job', () => {
    const request: BulkJobRequest = {
      operation: 'webex.resendActivationEmails',
      connection: 'default',
      dryRun: false,
      input: { orgId: 'org-1' },
    };
    expect(jobStaticSummary(facts({ request, tenant: 'org-1' }))).toBe(
      'webex.resendActivationEmails · tenant org-1 · by alice@ops',
    );
  });

  it('stays within 200 characters', () => {
    const summary = jobStaticSummary(facts({ requestedBy: 'x'.repeat(500) }));
    expect(summary).toHaveLength(200);
    expect(summary.endsWith('…')).toBe(true);
  });
});

describe('jobStaticDetails', () => {
  it('lists operation, provider, connection, tenant, requester, dry run and job id as markdown', () => {
    expect(jobStaticDetails(facts()).split('\n')).toEqual([
      '### bulkflow job',
      '',
      '- **Operation:** `webex.moveUsers`',
      '- **Provider:** webex',
      '- **Connection:** `emea`',
      '- **Tenant:** `acme`',
      '- **Requested by:** `alice@ops`',
      '- **Items requested:** 300',
      '- **Dry run:** no',
      '- **Job id (idempotency key):** `move-amsterdam-2026-11`',
    ]);
  });

  it('cannot be broken out of inline code by a backtick in a value', () => {
    expect(jobStaticDetails(facts({ requestedBy: 'a`b' }))).toContain("- **Requested by:** `a'b`");
  });
});

describe('jobSummary', () => {
  it('carries no item data: no user id, e-mail address or phone number of the input', () => {
    const { staticSummary, staticDetails } = jobSummary(facts());
    for (const text of [staticSummary, staticDetails]) {
      expect(text).not.toMatch(/user-\d|customer\.example|\+3120|loc-A/);
    }
  });
});
