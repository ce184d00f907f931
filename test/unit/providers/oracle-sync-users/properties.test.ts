/**
 * Properties of `oracle.syncUsers` and the engine over generated Oracle answers: 202 while running, 200 with the
 * `UserDataStore` echo (users succeeded, failed by `statusInfoOK`, by `statusInfo` or `processed`, echoed bare, in
 * another case, or missing), `deleteFailed`, a job `exception`, users the echo names that were never sent, nulls where
 * Java writes them, unknown fields and unicode. Oracle gives no verdict of its own: the state follows the users.
 */
import fc from 'fast-check';
import { createOracleSyncUsersOperation } from '../../../../src/providers/oracle-sync-users';
import type { OracleSyncUsersInput } from '../../../../src/providers/oracle-sync-users';
import { planSyncUsers } from '../../../../src/providers/oracle-sync-users/plan';
import { extraFields, strangerRef, unicodeText } from '../../../helpers/answer-arbitraries';
import {
  expectEngineInvariants,
  foreignRefs,
  forEveryAnswer,
  pollUntilFinished,
  PROPERTY_RUNS,
  throughEngine,
} from '../../../helpers/engine-run';
import type { ScenarioRun } from '../../../helpers/engine-run';
import { scriptedContext, scriptedHttp } from '../../../helpers/scripted-http';
import { user } from './sim-context';

const ECHOES = ['ok', 'failedOK', 'failedInfo', 'notProcessed', 'bare', 'otherCase', 'missing'] as const;
type Echo = (typeof ECHOES)[number];

interface Scenario {
  readonly added: number;
  readonly modified: number;
  readonly deleted: number;
  readonly running: boolean;
  readonly echoes: Echo[];
  readonly deleteFailed: boolean[];
  readonly strangers: string[];
  readonly exception: string | null | undefined;
  readonly statusInfo: string;
  readonly extra: Record<string, unknown>;
  readonly files: 200 | 404;
}

const scenarios: fc.Arbitrary<Scenario> = fc.record({
  added: fc.integer({ min: 1, max: 4 }),
  modified: fc.nat({ max: 3 }),
  deleted: fc.nat({ max: 3 }),
  running: fc.boolean(),
  echoes: fc.array(fc.constantFrom(...ECHOES), { minLength: 7, maxLength: 7 }),
  deleteFailed: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  strangers: fc.uniqueArray(strangerRef, { maxLength: 3 }),
  exception: fc.option(fc.constantFrom('USER_JOB_FAILED', 'the job could not finish'), { nil: undefined }),
  statusInfo: unicodeText,
  extra: extraFields,
  files: fc.constantFrom<200 | 404>(200, 404),
});

const loginIds = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function inputOf(s: Scenario): OracleSyncUsersInput {
  return {
    added: loginIds('A', s.added).map((id) => user(id)),
    ...(s.modified > 0 ? { modified: loginIds('M', s.modified).map((id) => user(id)) } : {}),
    ...(s.deleted > 0 ? { deleted: loginIds('D', s.deleted) } : {}),
  };
}

function echoOf(s: Scenario, loginId: string, echo: Echo): object[] {
  const base = { loginId, firstName: null, organization: { name: 'sfo', type: null }, ...s.extra };
  switch (echo) {
    case 'ok':
      return [{ ...base, statusInfo: `User created ${s.statusInfo}`, statusInfoOK: true, processed: true }];
    case 'failedOK':
      return [{ ...base, statusInfo: s.statusInfo, statusInfoOK: false }];
    case 'failedInfo':
      return [{ ...base, statusInfo: `User created, but Application Access failed ${s.statusInfo}` }];
    case 'notProcessed':
      return [{ ...base, processed: false, statusInfo: null }];
    case 'bare':
      return [base];
    case 'otherCase':
      return [{ ...base, loginId: loginId.toLowerCase(), statusInfoOK: true }];
    case 'missing':
      return [];
  }
}

function resultOf(s: Scenario): object {
  const echoed = (ids: string[], offset: number) =>
    ids.flatMap((id, i) => echoOf(s, id, s.echoes[(i + offset) % s.echoes.length] ?? 'ok'));
  const strangers = s.strangers.map((loginId) => ({ loginId, statusInfo: s.statusInfo, statusInfoOK: false }));
  const deleteFailed = loginIds('D', s.deleted).filter((_, i) => s.deleteFailed[i]);
  return {
    added: [...echoed(loginIds('A', s.added), 0), ...strangers],
    modified: echoed(loginIds('M', s.modified), 3),
    deleted: loginIds('D', s.deleted),
    deleteFailed: [...deleteFailed, ...s.strangers.slice(0, 1).map((loginId) => ({ loginId, statusInfo: null }))],
    exception: s.exception ?? null,
    localizedException: null,
    message: null,
    updatedIdMap: null,
    ...s.extra,
  };
}

function answers(s: Scenario) {
  return scriptedHttp('oracle', (url) => {
    if (url.pathname.endsWith('/draft') || url.pathname.endsWith('/log')) {
      return s.files === 200 ? { text: `loginId,reason\n${s.statusInfo}` } : { status: 404, text: 'Not Found' };
    }
    if (s.running) return { status: 202, body: { added: [], ...s.extra }, headers: { location: url.pathname } };
    return { body: resultOf(s) };
  });
}

async function run(s: Scenario): Promise<ScenarioRun> {
  const [batch] = planSyncUsers(inputOf(s));
  if (!batch) throw new Error('no batch planned');
  const ctx = scriptedContext(answers(s).http, 'Basic');
  return { batch, run: await throughEngine(createOracleSyncUsersOperation(), ctx, batch) };
}

describe('oracle.syncUsers over generated answers', () => {
  it('keeps the engine invariants for every answer', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s, batch) => {
      expectEngineInvariants(batch, outcome);
    });
  });

  it('is running on 202 whatever its body says, and finished on 200', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s) => {
      expect(outcome.snapshot.state === 'running').toBe(s.running);
    });
  });

  it('keeps users the echo names but the request did not hold as warnings only; its counts agree with its users', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s) => {
      if (!outcome.settled) return;
      expect(foreignRefs(outcome)).toEqual(new Set(s.strangers));
      expect(outcome.settled.warnings.filter((w) => w.kind === 'countsDisagree')).toEqual([]);
    });
  });

  it('polls through any number of 202 answers, whatever their bodies, and stops on the 200', async () => {
    const body = fc.oneof(
      fc.constant(''),
      fc.constant('not json'),
      extraFields.map((extra) => JSON.stringify({ added: [], ...extra })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(body, { maxLength: 6 }), async (running) => {
        let polls = 0;
        const { http } = scriptedHttp('oracle', () => {
          const text = running[polls];
          polls += 1;
          if (text !== undefined) return { status: 202, text };
          return { body: { added: [{ loginId: 'A0', statusInfo: 'User created', statusInfoOK: true }] } };
        });
        const [batch] = planSyncUsers({ added: [user('A0')] });
        if (!batch) throw new Error('no batch planned');
        const awaited = await pollUntilFinished(
          createOracleSyncUsersOperation(),
          scriptedContext(http, 'Basic'),
          batch,
          10,
        );
        expect(awaited.polls).toBe(running.length + 1);
        expect(awaited.snapshot?.state).toBe('succeeded');
      }),
      PROPERTY_RUNS,
    );
  });
});
