/**
 * Properties of `fullstory.importUsers` and the engine over generated FullStory answers: job statuses documented or
 * not, counts as numbers, int64 strings or left out, counts that agree or over-count, `/errors` and `/imports` pages
 * chained by `page_token` (the last without a token, or with an empty one), duplicated rows, rows about users never
 * sent or about no user at all, unknown fields and unicode uids.
 */
import fc from 'fast-check';
import { fullstoryImportUsers } from '../../../../src/providers/fullstory-import-users';
import { planImportUsers } from '../../../../src/providers/fullstory-import-users/plan';
import { FULLSTORY_JOB_STATUSES } from '../../../../src/providers/fullstory-import-users/schemas';
import {
  extraFields,
  pagesOf,
  shuffled,
  statusWord,
  strangerRef,
  unicodeText,
  unknownWord,
} from '../../../helpers/answer-arbitraries';
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

type CountsMode = 'agree' | 'asStrings' | 'omitted' | 'overCounted';

interface Scenario {
  readonly uids: string[];
  readonly status: string;
  readonly failing: string[];
  readonly countsMode: CountsMode;
  readonly duplicates: number[];
  readonly strangers: string[];
  readonly importedStrangers: string[];
  readonly userless: number;
  readonly order: number[];
  readonly pageSize: number;
  readonly lastToken: 'absent' | 'empty';
  readonly extra: Record<string, unknown>;
  readonly message: string;
}

const uid = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '');

const scenarios: fc.Arbitrary<Scenario> = fc.uniqueArray(uid, { minLength: 1, maxLength: 6 }).chain((uids) =>
  fc.record({
    uids: fc.constant(uids),
    status: statusWord([...FULLSTORY_JOB_STATUSES, 'PENDING']),
    failing: fc.subarray(uids),
    countsMode: fc.constantFrom<CountsMode>('agree', 'asStrings', 'omitted', 'overCounted'),
    duplicates: fc.array(fc.nat({ max: 9 }), { maxLength: 3 }),
    strangers: fc.uniqueArray(strangerRef, { maxLength: 2 }),
    importedStrangers: fc.uniqueArray(strangerRef, { maxLength: 2 }),
    userless: fc.nat({ max: 1 }),
    order: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
    pageSize: fc.integer({ min: 1, max: 4 }),
    lastToken: fc.constantFrom<'absent' | 'empty'>('absent', 'empty'),
    extra: extraFields,
    message: unicodeText,
  }),
);

function countsOf(s: Scenario): Record<string, unknown> {
  const errors = s.failing.length;
  const imports = s.uids.length - errors;
  switch (s.countsMode) {
    case 'agree':
      return { imports, errors };
    case 'asStrings':
      return { imports: String(imports), errors: String(errors) };
    case 'omitted':
      return {};
    case 'overCounted':
      return { imports: imports + 1, errors };
  }
}

/** Pages of `rows` keyed by the token that asks for them ('' for the first). */
function paged(s: Scenario, rows: readonly object[], name: string): Map<string, object> {
  const pages = pagesOf(rows, s.pageSize);
  return new Map(
    pages.map((results, i) => {
      const last = i === pages.length - 1;
      const next = last
        ? s.lastToken === 'empty'
          ? { next_page_token: '' }
          : {}
        : { next_page_token: `${name}-${i + 1}` };
      return [i === 0 ? '' : `${name}-${i}`, { results, total_records: String(rows.length), ...next, ...s.extra }];
    }),
  );
}

function answers(s: Scenario) {
  const error = (user: object | null) => ({ message: s.message, code: 'invalid_argument', user, ...s.extra });
  const errors = [
    ...s.failing.map((uid) => error({ uid, id: null })),
    ...s.strangers.map((uid) => error({ uid })),
    ...Array.from({ length: s.userless }, () => error(null)),
  ];
  const imported = s.uids
    .filter((uid) => !s.failing.includes(uid))
    .map((uid) => ({ uid, id: `fs-${uid}`, ...s.extra }));
  const imports = [...imported, ...s.importedStrangers.map((uid) => ({ uid }))];
  const pages = {
    errors: paged(s, shuffled([...errors, ...s.duplicates.flatMap((i) => errors[i] ?? [])], s.order), 'e'),
    imports: paged(s, shuffled([...imports, ...s.duplicates.flatMap((i) => imports[i] ?? [])], s.order), 'i'),
  };
  return scriptedHttp('fullstory', (url) => {
    const list = url.pathname.endsWith('/errors')
      ? pages.errors
      : url.pathname.endsWith('/imports')
        ? pages.imports
        : undefined;
    if (list) return { body: list.get(url.searchParams.get('page_token') ?? '') };
    return {
      body: { ...countsOf(s), job: { id: 'job-1', status: s.status, created: '2026-01-01T00:00:00Z' }, ...s.extra },
    };
  });
}

async function run(s: Scenario): Promise<ScenarioRun> {
  const [batch] = planImportUsers({ users: s.uids.map((uid) => ({ uid })) });
  if (!batch) throw new Error('no batch planned');
  return { batch, run: await throughEngine(fullstoryImportUsers, scriptedContext(answers(s).http), batch) };
}

describe('fullstory.importUsers over generated answers', () => {
  it('keeps the engine invariants for every answer', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s, batch) => {
      expectEngineInvariants(batch, outcome);
    });
  });

  it('never ends a job on a status FullStory does not document as terminal', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s) => {
      if (s.status !== 'COMPLETED' && s.status !== 'FAILED') expect(outcome.snapshot.state).toBe('running');
    });
  });

  it('keeps counts of more users than were sent as a warning and reports each user as the pages say (COMPLETED ignores imports)', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s) => {
      expect(outcome.refused).toBeUndefined();
      const overCounted = s.countsMode === 'overCounted' && s.status !== 'COMPLETED';
      expect(outcome.snapshot.providerFigures !== undefined).toBe(overCounted);
      if (!overCounted || !outcome.settled) return;
      const said = new Map(outcome.settled.items.map((item) => [item.ref, item.outcome]));
      for (const uid of s.uids) expect(said.get(uid)).toBe(s.failing.includes(uid) ? 'failed' : 'succeeded');
      expect(outcome.result?.warnings?.filter((w) => w.kind === 'countsExceedTotal')).toHaveLength(1);
    });
  });

  it('reads every page: each listed user fails, and every row about a stranger or no user is a warning only', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s) => {
      if (!outcome.settled) return;
      const failed = new Set(outcome.settled.items.filter((i) => i.outcome === 'failed').map((i) => i.ref));
      for (const uid of s.failing) expect(failed.has(uid)).toBe(true);
      const foreign = foreignRefs(outcome);
      const expected = [...s.strangers, ...(s.status === 'COMPLETED' ? [] : s.importedStrangers)];
      for (const ref of expected) expect(foreign.has(ref)).toBe(true);
      // A row about no user is named by its place in the list: each such row (copies too) is one warning.
      const userless = [...foreign].filter((ref) => !expected.includes(ref));
      expect(userless.every((ref) => /^errors\[\d+\]$/.test(ref))).toBe(true);
      expect(userless.length > 0).toBe(s.userless > 0);
    });
  });

  it('reports a job FullStory completed with no error as succeeded, whatever strangers its pages name', async () => {
    const completed = scenarios.map((s) => ({ ...s, status: 'COMPLETED', failing: [], countsMode: 'agree' as const }));
    await forEveryAnswer(completed, run, (outcome, s) => {
      const size = s.uids.length;
      expect(outcome.result).toMatchObject({
        state: 'succeeded',
        counts: { total: size, succeeded: size, failed: 0, skipped: 0, pending: 0 },
      });
    });
  });

  it('polls through any progression of statuses that end nothing, documented or not, and stops on the first end', async () => {
    const waiting = fc.oneof(
      fc.constantFrom('PROCESSING', 'PENDING', 'UNKNOWN'),
      unknownWord([...FULLSTORY_JOB_STATUSES]),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(waiting, { maxLength: 6 }),
        fc.constantFrom('COMPLETED', 'FAILED'),
        async (words, end) => {
          let polls = 0;
          const { http } = scriptedHttp('fullstory', () => {
            const status = words[polls] ?? end;
            polls += 1;
            return { body: { imports: 1, job: { id: 'job-1', status } } };
          });
          const [batch] = planImportUsers({ users: [{ uid: 'u1' }] });
          if (!batch) throw new Error('no batch planned');
          const awaited = await pollUntilFinished(fullstoryImportUsers, scriptedContext(http), batch, 10);
          expect(awaited.polls).toBe(words.length + 1);
          expect(awaited.stats.answers).toMatchObject({ running: words.length, done: 1 });
        },
      ),
      PROPERTY_RUNS,
    );
  });
});
