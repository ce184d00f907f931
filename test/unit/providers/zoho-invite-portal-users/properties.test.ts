/**
 * Properties of `zoho.invitePortalUsers` and the engine over generated Zoho answers: job statuses documented or not,
 * records invited or refused, named by id, with empty or null `details`, missing, duplicated, or naming records never
 * sent, ids as strings or as bare 64-bit number literals, unknown fields and unicode messages. Zoho gives no verdict of
 * its own: the state follows the records.
 */
import fc from 'fast-check';
import { zohoInvitePortalUsers } from '../../../../src/providers/zoho-invite-portal-users';
import { planPortalInvites } from '../../../../src/providers/zoho-invite-portal-users/plan';
import { PORTAL_INVITE_JOB_STATUSES } from '../../../../src/providers/zoho-invite-portal-users/schemas';
import { extraFields, shuffled, statusWord, unicodeText, unknownWord } from '../../../helpers/answer-arbitraries';
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

const NAMINGS = ['id', 'emptyDetails', 'nullDetails', 'missing'] as const;
type Naming = (typeof NAMINGS)[number];

interface Scenario {
  readonly ids: string[];
  readonly status: string;
  readonly invited: boolean[];
  readonly naming: Naming[];
  readonly duplicates: number[];
  readonly strangers: string[];
  readonly order: number[];
  readonly numericIds: boolean;
  readonly extra: Record<string, unknown>;
  readonly message: string;
}

/** Zoho record ids: up to 19 digits, many beyond 2^53. */
const recordId = fc.bigInt({ min: 1n, max: 9_999_999_999_999_999_999n }).map(String);

const scenarios: fc.Arbitrary<Scenario> = fc.uniqueArray(recordId, { minLength: 1, maxLength: 6 }).chain((ids) =>
  fc.record({
    ids: fc.constant(ids),
    status: statusWord(PORTAL_INVITE_JOB_STATUSES),
    invited: fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }),
    naming: fc.array(fc.constantFrom(...NAMINGS), { minLength: ids.length, maxLength: ids.length }),
    duplicates: fc.array(fc.nat({ max: ids.length - 1 }), { maxLength: 2 }),
    strangers: fc.uniqueArray(recordId, { maxLength: 2 }).map((found) => found.filter((id) => !ids.includes(id))),
    order: fc.array(fc.nat(), { minLength: 10, maxLength: 10 }),
    numericIds: fc.boolean(),
    extra: extraFields,
    message: unicodeText,
  }),
);

function entryOf(s: Scenario, id: string | undefined, invited: boolean, naming: Naming): object {
  const details = naming === 'emptyDetails' ? {} : naming === 'nullDetails' ? null : { id };
  return invited
    ? { details, code: 'SUCCESS', message: `An Invite has been sent ${s.message}`, status: 'success', ...s.extra }
    : { details, code: 'CANNOT_PROCESS', message: s.message, status: 'error', ...s.extra };
}

function dataOf(s: Scenario): object[] {
  const ours = s.ids.flatMap((id, i) =>
    s.naming[i] === 'missing' ? [] : [entryOf(s, id, s.invited[i] ?? true, s.naming[i] ?? 'id')],
  );
  const copies = s.duplicates.map((i) => entryOf(s, s.ids[i], s.invited[i] ?? true, 'id'));
  const strangers = s.strangers.map((id) => entryOf(s, id, true, 'id'));
  return shuffled([...ours, ...copies, ...strangers], s.order);
}

function answers(s: Scenario) {
  const completed = s.status === 'completed';
  const job = { data: completed ? dataOf(s) : null, job_id: 'job-1', status: s.status, ...s.extra };
  const text = JSON.stringify({ portal_invite: [job] });
  // Zoho labels ids "integer": a bare number literal must come through digit for digit.
  return scriptedHttp('zoho', () => ({ text: s.numericIds ? text.replace(/"id":"(\d+)"/g, '"id":$1') : text }));
}

async function run(s: Scenario): Promise<ScenarioRun> {
  const invites = s.ids.map((id) => ({ id, userTypeId: '5020928000000523003', type: 'invite' as const }));
  const [batch] = planPortalInvites({ apiVersion: 'v8', module: 'Contacts', invites });
  if (!batch) throw new Error('no batch planned');
  return { batch, run: await throughEngine(zohoInvitePortalUsers, scriptedContext(answers(s).http), batch) };
}

describe('zoho.invitePortalUsers over generated answers', () => {
  it('keeps the engine invariants for every answer', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s, batch) => {
      expectEngineInvariants(batch, outcome);
    });
  });

  it('never ends a job on a status other than completed', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s) => {
      expect(outcome.snapshot.state === 'running').toBe(s.status !== 'completed');
    });
  });

  it('keeps entries naming records never sent, or no record it can tell, as warnings only; counts agree', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s) => {
      if (!outcome.settled) return;
      const foreign = foreignRefs(outcome);
      for (const id of s.strangers) expect(foreign.has(id)).toBe(true);
      const others = [...foreign].filter((ref) => !s.strangers.includes(ref));
      expect(others.every((ref) => /^unknown-\d+$/.test(ref))).toBe(true);
      expect(outcome.settled.warnings.filter((w) => w.kind === 'countsDisagree')).toEqual([]);
    });
  });

  it('reports every record a completed job invited by id as succeeded, digit for digit', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s) => {
      if (!outcome.settled) return;
      const succeeded = new Set(outcome.settled.items.filter((i) => i.outcome === 'succeeded').map((i) => i.ref));
      s.ids.forEach((id, i) => {
        if (s.naming[i] === 'id' && s.invited[i]) expect(succeeded.has(id)).toBe(true);
      });
    });
  });

  it('polls through any progression of statuses that end nothing, documented or not, and stops at completed', async () => {
    const waiting = fc.oneof(fc.constant('in_progress'), unknownWord([...PORTAL_INVITE_JOB_STATUSES]));
    await fc.assert(
      fc.asyncProperty(fc.array(waiting, { maxLength: 6 }), async (words) => {
        let polls = 0;
        const { http } = scriptedHttp('zoho', () => {
          const status = words[polls] ?? 'completed';
          polls += 1;
          const data = status === 'completed' ? [{ details: { id: '1' }, code: 'SUCCESS', status: 'success' }] : null;
          return { body: { portal_invite: [{ job_id: 'job-1', status, data }] } };
        });
        const invites = [{ id: '1', userTypeId: '2', type: 'invite' as const }];
        const [batch] = planPortalInvites({ apiVersion: 'v8', module: 'Contacts', invites });
        if (!batch) throw new Error('no batch planned');
        const awaited = await pollUntilFinished(zohoInvitePortalUsers, scriptedContext(http), batch, 10);
        expect(awaited.polls).toBe(words.length + 1);
        expect(awaited.snapshot?.state).toBe('succeeded');
      }),
      PROPERTY_RUNS,
    );
  });
});
