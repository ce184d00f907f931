/**
 * Contract drift, for each operation's status answer and item answer: a field the provider adds is tolerated; a
 * required field gone missing, or of another type, is a ProviderContractError naming its JSON path, which no retry
 * repeats (the job then fails clearly instead of polling again).
 */
import { toFailure } from '../../../src/activities/failures';
import type { OperationId, PlannedBatch, ProviderJobSnapshot } from '../../../src/domain/job';
import { getOperation } from '../../../src/providers/registry';
import type { ScriptedAnswer } from '../../helpers/scripted-http';
import { scriptedContext, scriptedHttp } from '../../helpers/scripted-http';

type Answer = 'status' | 'items';
type Json = Record<string, unknown>;

interface Drift {
  readonly operation: OperationId;
  readonly answer: Answer;
  readonly input: unknown;
  /** Whether a request is for the answer under test. */
  readonly isTarget: (url: URL) => boolean;
  readonly valid: Json;
  /** A required field removed, and its path. */
  readonly missing: readonly [Json, string];
  /** A field of another type, and its path. */
  readonly wrongType: readonly [Json, string];
  /** What the other requests of the call get. */
  readonly otherwise?: ScriptedAnswer;
}

const endsWith = (suffix: string) => (url: URL) => url.pathname.endsWith(suffix);
const webexJob = { id: 'job-1', latestExecutionStatus: 'COMPLETED', latestExecutionExitCode: 'COMPLETED' };
const webexError = { itemNumber: 1, item: 'u1', error: { key: '400', message: [{ description: 'no', code: '1' }] } };
const move = { users: [{ userId: 'u1', locationId: 'loc-A', extension: '1234' }] };
const org = { orgId: 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9vcmc' };
const resendJob = { ...webexJob, counts: { totalUsers: 1, userResendInviteSent: 1 } };
const oracleEcho = { added: [{ loginId: 'A0', statusInfo: 'User created', statusInfoOK: true }] };
const oracleInput = {
  added: [
    { loginId: 'A0', firstName: 'J', lastName: 'S', emailAddress: 'a0@example.com', organization: { name: 'x' } },
  ],
};
const fullstoryStatus = { imports: 1, job: { id: 'job-1', status: 'COMPLETED' } };
const fullstoryErrors = { results: [{ message: 'no', code: 'invalid_argument', user: { uid: 'u1' } }] };
const zohoInput = { module: 'Contacts', invites: [{ id: '1', userTypeId: '2', type: 'invite' }] };
const zohoJob = (data: unknown) => ({ portal_invite: [{ job_id: 'job-1', status: 'completed', data }] });
const zohoRecord = { details: { id: '1' }, code: 'SUCCESS', status: 'success' };

const DRIFTS: readonly Drift[] = [
  {
    operation: 'webex.moveUsers',
    answer: 'status',
    input: move,
    isTarget: endsWith('/job-1'),
    valid: webexJob,
    missing: [{ id: 'job-1' }, 'latestExecutionStatus'],
    wrongType: [{ ...webexJob, counts: { moved: '1' } }, 'counts.moved'],
  },
  {
    operation: 'webex.moveUsers',
    answer: 'items',
    input: move,
    isTarget: endsWith('/errors'),
    valid: { items: [webexError] },
    missing: [{ paging: {} }, 'items'],
    wrongType: [{ items: [{ ...webexError, itemNumber: '1' }] }, 'items[0].itemNumber'],
  },
  {
    operation: 'webex.resendActivationEmails',
    answer: 'status',
    input: org,
    isTarget: endsWith('/status'),
    valid: resendJob,
    missing: [webexJob, 'counts'],
    wrongType: [{ ...resendJob, latestExecutionStatus: 3 }, 'latestExecutionStatus'],
  },
  {
    operation: 'webex.resendActivationEmails',
    answer: 'items',
    input: org,
    isTarget: endsWith('/errors'),
    valid: { items: [webexError] },
    missing: [{}, 'items'],
    wrongType: [{ items: [{ ...webexError, error: 'no' }] }, 'items[0].error'],
  },
  {
    operation: 'oracle.syncUsers',
    answer: 'status',
    input: oracleInput,
    isTarget: endsWith('/job-1'),
    valid: oracleEcho,
    missing: [{ added: [{ statusInfo: 'User created' }] }, 'added[0].loginId'],
    wrongType: [{ added: [{ loginId: 'A0', statusInfoOK: 'yes' }] }, 'added[0].statusInfoOK'],
  },
  {
    operation: 'oracle.syncUsers',
    answer: 'items',
    input: oracleInput,
    isTarget: endsWith('/job-1'),
    valid: oracleEcho,
    missing: [{ deleteFailed: [{ statusInfo: 'no' }] }, 'deleteFailed[0]'],
    wrongType: [{ added: 'A0' }, 'added'],
    otherwise: { status: 404, text: 'Not Found' },
  },
  {
    operation: 'fullstory.importUsers',
    answer: 'status',
    input: { users: [{ uid: 'u1' }] },
    isTarget: endsWith('/job-1'),
    valid: fullstoryStatus,
    missing: [{ imports: 1, job: { status: 'COMPLETED' } }, 'job.id'],
    wrongType: [{ ...fullstoryStatus, imports: 'one' }, 'imports'],
  },
  {
    operation: 'fullstory.importUsers',
    answer: 'items',
    input: { users: [{ uid: 'u1' }] },
    isTarget: endsWith('/errors'),
    valid: fullstoryErrors,
    // Every field of a page is optional (protobuf JSON leaves empty ones out): what can go missing is a row itself.
    missing: [{ results: [null] }, 'results[0]'],
    wrongType: [{ results: [{ message: 'no', code: 7, user: { uid: 'u1' } }] }, 'results[0].code'],
    otherwise: { body: { results: [] } },
  },
  {
    operation: 'zoho.invitePortalUsers',
    answer: 'status',
    input: zohoInput,
    isTarget: () => true,
    valid: zohoJob([zohoRecord]),
    missing: [{ portal_invite: [{ job_id: 'job-1', data: null }] }, 'portal_invite[0].status'],
    wrongType: [{ portal_invite: { job_id: 'job-1' } }, 'portal_invite'],
  },
  {
    operation: 'zoho.invitePortalUsers',
    answer: 'items',
    input: zohoInput,
    isTarget: () => true,
    valid: zohoJob([zohoRecord]),
    missing: [zohoJob([{ details: { id: '1' }, status: 'success' }]), 'portal_invite[0].data[0].code'],
    wrongType: [zohoJob([{ ...zohoRecord, message: 5 }]), 'portal_invite[0].data[0].message'],
  },
];

const finished: ProviderJobSnapshot = {
  state: 'partial',
  counts: { total: 1, succeeded: 0, failed: 0, skipped: 0, pending: 1 },
  providerStatus: 'DONE',
};

/** Calls `drift.answer` of its operation against `body`. */
async function call(drift: Drift, body: Json): Promise<unknown> {
  const operation = getOperation(drift.operation);
  const [batch]: PlannedBatch[] = operation.plan(operation.inputSchema.parse(drift.input));
  if (!batch) throw new Error('no batch planned');
  const { http } = scriptedHttp(operation.provider, (url) =>
    drift.isTarget(url) ? { body } : (drift.otherwise ?? { body: drift.valid }),
  );
  const ctx = scriptedContext(http, 'Basic');
  return drift.answer === 'status'
    ? operation.poll(ctx, 'job-1', batch)
    : operation.collectItems(ctx, 'job-1', batch, finished);
}

async function errorOf(drift: Drift, body: Json): Promise<unknown> {
  try {
    await call(drift, body);
  } catch (err) {
    return err;
  }
  throw new Error(`${drift.operation} took a drifted ${drift.answer} answer`);
}

const named = DRIFTS.map((drift) => [`${drift.operation} ${drift.answer}`, drift] as const);

describe('contract drift', () => {
  it.each(named)('%s: tolerates fields the provider adds, at the top and inside', async (_name, drift) => {
    const nested = JSON.parse(JSON.stringify(drift.valid).replace(/\{"/g, '{"addedByProvider":{"x":[1]},"')) as Json;
    await expect(call(drift, { ...nested, anotherNewField: 'ünïcødé ✓' })).resolves.toBeDefined();
  });

  it.each(named)('%s: a required field gone missing is a ProviderContractError at its path', async (_name, drift) => {
    const [body, path] = drift.missing;
    const err = await errorOf(drift, body);
    expect(err).toMatchObject({ name: 'ProviderContractError', path, retryable: false });
    expect(toFailure(err).nonRetryable).toBe(true);
  });

  it.each(named)('%s: a field of another type is a ProviderContractError at its path', async (_name, drift) => {
    const [body, path] = drift.wrongType;
    const err = await errorOf(drift, body);
    expect(err).toMatchObject({ name: 'ProviderContractError', path, retryable: false });
    expect((err as Error).message).toContain(`at ${path}:`);
  });
});
