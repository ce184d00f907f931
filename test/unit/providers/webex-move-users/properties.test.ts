/**
 * Properties of `webex.moveUsers` and the engine over generated Webex answers: status words documented or not, counts
 * that agree, lag or over-count, error pages (`start` / `max`) with duplicated rows, rows about users never sent,
 * unknown fields and unicode. See test/helpers/engine-run.ts for what must hold for every answer.
 */
import fc from 'fast-check';
import type { PlannedBatch } from '../../../../src/domain/job';
import { createWebexMoveUsersOperation } from '../../../../src/providers/webex-move-users';
import { planMoveUsers } from '../../../../src/providers/webex-move-users/plan';
import {
  MOVE_USERS_EXECUTION_STATUSES,
  MOVE_USERS_EXIT_CODES,
  MOVE_USERS_PAUSE_STATUSES,
} from '../../../../src/providers/webex-move-users/schemas';
import {
  extraFields,
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
import { scriptedContext, scriptedHttp } from '../../../helpers/scripted-http';

const STATUSES = [...MOVE_USERS_EXECUTION_STATUSES, ...MOVE_USERS_PAUSE_STATUSES];
const TERMINAL_STATUSES = ['COMPLETED', 'FAILED', 'ABANDONED'];
const TERMINAL_EXITS = ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'COMPLETED_WITH_PENDING_ORDERS', 'FAILED', 'STOPPED'];

const userIdOf = (uuid: string) => Buffer.from(`ciscospark://us/PEOPLE/${uuid}`).toString('base64').replace(/=+$/, '');

type CountsMode = 'agree' | 'lagging' | 'overCounted' | 'missing';

interface Scenario {
  readonly uuids: string[];
  readonly status: string;
  readonly exit: string | undefined;
  readonly failing: number[];
  readonly countsMode: CountsMode;
  /** How each failing user's row names it: its userId, the UUID inside it, or only its position. */
  readonly naming: Array<'userId' | 'uuid' | 'itemNumber'>;
  readonly duplicates: number[];
  readonly strangers: string[];
  readonly order: number[];
  readonly pageSize: number;
  readonly paging: 'absent' | 'nextLinks';
  readonly extra: Record<string, unknown>;
  readonly description: string;
}

const scenarios: fc.Arbitrary<Scenario> = fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 8 }).chain((uuids) =>
  fc.record({
    uuids: fc.constant(uuids),
    status: statusWord(STATUSES),
    exit: fc.option(statusWord(MOVE_USERS_EXIT_CODES), { nil: undefined }),
    failing: fc.subarray(uuids.map((_, i) => i)),
    countsMode: fc.constantFrom<CountsMode>('agree', 'lagging', 'overCounted', 'missing'),
    naming: fc.array(fc.constantFrom<'userId' | 'uuid' | 'itemNumber'>('userId', 'uuid', 'itemNumber'), {
      minLength: uuids.length,
      maxLength: uuids.length,
    }),
    duplicates: fc.array(fc.nat({ max: uuids.length - 1 }), { maxLength: 3 }),
    strangers: fc.array(strangerRef, { maxLength: 3 }),
    order: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
    pageSize: fc.integer({ min: 1, max: 4 }),
    paging: fc.constantFrom<'absent' | 'nextLinks'>('absent', 'nextLinks'),
    extra: extraFields,
    description: unicodeText,
  }),
);

function batchOf(s: Scenario): PlannedBatch {
  const users = s.uuids.map((uuid) => ({ userId: userIdOf(uuid), locationId: 'loc-A', extension: '1234' }));
  const [batch] = planMoveUsers({ users });
  if (!batch) throw new Error('no batch planned');
  return batch;
}

function countsOf(s: Scenario): Record<string, number> | undefined {
  const size = s.uuids.length;
  const failed = s.failing.length;
  switch (s.countsMode) {
    case 'agree':
      return { totalMoves: size, moved: size - failed, failed, pending: 0, skipped: 0 };
    case 'lagging':
      return { totalMoves: size, moved: 0, failed: 0, pending: 0, skipped: 0 };
    case 'overCounted':
      return { totalMoves: size, moved: size, failed: failed + 1, pending: 0, skipped: 0 };
    case 'missing':
      return undefined;
  }
}

function rowsOf(s: Scenario): object[] {
  const row = (itemNumber: number, item: string | undefined) => ({
    itemNumber,
    ...(item === undefined ? {} : { item }),
    trackingId: 'NA_tracking',
    error: { key: '400', message: [{ description: s.description, code: '19605', location: 'loc-A' }] },
    ...s.extra,
  });
  const named = (i: number) => {
    const uuid = s.uuids[i] ?? '';
    const naming = s.naming[i];
    return row(i + 1, naming === 'userId' ? userIdOf(uuid) : naming === 'uuid' ? uuid : undefined);
  };
  const rows = [
    ...s.failing.map(named),
    ...s.duplicates.filter((i) => s.failing.includes(i)).map(named),
    ...s.strangers.map((ref, j) => row(1_000 + j, ref)),
  ];
  return shuffled(rows, s.order);
}

function answers(s: Scenario) {
  const rows = rowsOf(s);
  const counts = countsOf(s);
  return scriptedHttp('webex', (url) => {
    if (url.pathname.endsWith('/errors')) {
      const start = Number(url.searchParams.get('start'));
      const max = Number(url.searchParams.get('max'));
      const last = start + max >= rows.length;
      const paging =
        s.paging === 'nextLinks' ? { paging: { next: last ? [] : 'next', limit: max, offset: start } } : {};
      return { body: { items: rows.slice(start, start + max), ...paging, ...s.extra } };
    }
    const job = {
      id: 'job-1',
      latestExecutionStatus: s.status,
      ...(s.exit === undefined ? {} : { latestExecutionExitCode: s.exit }),
      ...(counts === undefined ? {} : { counts }),
      ...s.extra,
    };
    return { body: job };
  });
}

async function run(s: Scenario) {
  const operation = createWebexMoveUsersOperation({ errorsPageSize: s.pageSize });
  const batch = batchOf(s);
  return { batch, run: await throughEngine(operation, scriptedContext(answers(s).http), batch) };
}

describe('webex.moveUsers over generated answers', () => {
  it('keeps the engine invariants for every answer', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s, batch) => {
      expectEngineInvariants(batch, outcome);
    });
  });

  it('never ends a job on a word Webex does not document as terminal', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s) => {
      const terminal = TERMINAL_STATUSES.includes(s.status) || TERMINAL_EXITS.includes(s.exit ?? 'UNKNOWN');
      if (!terminal) expect(outcome.snapshot.state).toBe('running');
    });
  });

  it('keeps counts of more users than were sent as a warning, running or not, and still fails each user the pages name', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s) => {
      expect(outcome.refused).toBeUndefined();
      expect(outcome.snapshot.providerFigures !== undefined).toBe(s.countsMode === 'overCounted');
      if (s.countsMode !== 'overCounted' || !outcome.settled) return;
      const failed = new Set(outcome.settled.items.filter((i) => i.outcome === 'failed').map((i) => i.ref));
      for (const i of s.failing) expect(failed.has(userIdOf(s.uuids[i] ?? ''))).toBe(true);
      expect(outcome.result?.warnings?.filter((w) => w.kind === 'countsExceedTotal')).toHaveLength(1);
    });
  });

  it('reads every page: each listed user of the batch fails, each stranger is a warning and never an item', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s) => {
      if (!outcome.settled) return;
      const failed = new Set(outcome.result?.items.filter((i) => i.outcome === 'failed').map((i) => i.ref));
      for (const i of s.failing) expect(failed.has(userIdOf(s.uuids[i] ?? ''))).toBe(true);
      expect(foreignRefs(outcome)).toEqual(new Set(s.strangers));
    });
  });

  it('reports a job Webex completed with no failure as succeeded, whatever strangers its error pages name', async () => {
    const completed = scenarios.map((s) => ({
      ...s,
      status: 'COMPLETED',
      exit: 'COMPLETED',
      failing: [],
      countsMode: 'agree' as const,
    }));
    await forEveryAnswer(completed, run, (outcome, s) => {
      const size = s.uuids.length;
      expect(outcome.result).toMatchObject({
        state: 'succeeded',
        counts: { total: size, succeeded: size, failed: 0, skipped: 0, pending: 0 },
      });
      expect(foreignRefs(outcome)).toEqual(new Set(s.strangers));
    });
  });

  it('polls through any progression of words that end nothing, documented or not, and stops on the first end', async () => {
    const waiting = fc.oneof(
      fc.constantFrom('STARTING', 'STARTED', 'STOPPING', 'STOPPED', 'UNKNOWN'),
      unknownWord([...STATUSES, ...MOVE_USERS_EXIT_CODES]),
    );
    const ends = fc.constantFrom(
      ['COMPLETED', 'COMPLETED'],
      ['COMPLETED', 'COMPLETED_WITH_ERRORS'],
      ['FAILED', 'FAILED'],
      ['ABANDONED', 'STOPPED'],
    );
    await fc.assert(
      fc.asyncProperty(fc.array(waiting, { maxLength: 6 }), ends, async (words, [status, exit]) => {
        let polls = 0;
        const { http } = scriptedHttp('webex', () => {
          const word = words[polls];
          polls += 1;
          const said =
            word === undefined
              ? { latestExecutionStatus: status, latestExecutionExitCode: exit }
              : { latestExecutionStatus: word, latestExecutionExitCode: 'UNKNOWN' };
          return { body: { id: 'job-1', ...said } };
        });
        const [batch] = planMoveUsers({ users: [{ userId: 'u1', locationId: 'loc-A' }] });
        if (!batch) throw new Error('no batch planned');
        const awaited = await pollUntilFinished(createWebexMoveUsersOperation(), scriptedContext(http), batch, 10);
        expect(awaited.polls).toBe(words.length + 1);
        expect(awaited.stats.answers).toMatchObject({ running: words.length, done: 1 });
        expect(awaited.snapshot?.state).not.toBe('running');
      }),
      PROPERTY_RUNS,
    );
  });
});
