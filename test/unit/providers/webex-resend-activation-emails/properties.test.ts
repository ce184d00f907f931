/**
 * Properties of `webex.resendActivationEmails` (a whole-org job: the provider's rows are its items) and the engine
 * over generated Webex answers: status words documented or not, counts that agree with the error pages, list fewer
 * rows or over-count, pages chained by `Link` headers (absolute or relative targets), duplicated rows, unknown fields
 * and unicode.
 */
import fc from 'fast-check';
import { createWebexResendActivationEmailsOperation } from '../../../../src/providers/webex-resend-activation-emails';
import { planResendActivationEmails } from '../../../../src/providers/webex-resend-activation-emails/plan';
import {
  ACTIVATION_EMAILS_EXECUTION_STATUSES,
  ACTIVATION_EMAILS_EXIT_CODES,
  ALREADY_INVITED_CODE,
} from '../../../../src/providers/webex-resend-activation-emails/schemas';
import {
  extraFields,
  pagesOf,
  shuffled,
  statusWord,
  unicodeText,
  unknownWord,
} from '../../../helpers/answer-arbitraries';
import {
  expectEngineInvariants,
  forEveryAnswer,
  pollUntilFinished,
  PROPERTY_RUNS,
  throughEngine,
} from '../../../helpers/engine-run';
import { SCRIPTED_ORIGIN, scriptedContext, scriptedHttp } from '../../../helpers/scripted-http';

const ORG_ID = 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9vcmc';
const TERMINAL_STATUSES = ['COMPLETED', 'FAILED', 'ABANDONED'];
const TERMINAL_EXITS = ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'STOPPED'];

type PagesMode = 'agree' | 'short' | 'overCounted';

interface Scenario {
  readonly status: string;
  readonly exit: string | undefined;
  readonly sent: number;
  readonly failed: number;
  readonly skipped: number;
  readonly pending: number;
  readonly mode: PagesMode;
  readonly duplicates: number[];
  readonly order: number[];
  readonly pageSize: number;
  readonly relativeLinks: boolean;
  readonly extra: Record<string, unknown>;
  readonly description: string;
}

const scenarios: fc.Arbitrary<Scenario> = fc.record({
  status: statusWord(ACTIVATION_EMAILS_EXECUTION_STATUSES),
  exit: fc.option(statusWord(ACTIVATION_EMAILS_EXIT_CODES), { nil: undefined }),
  sent: fc.nat({ max: 6 }),
  failed: fc.nat({ max: 5 }),
  skipped: fc.nat({ max: 3 }),
  pending: fc.nat({ max: 3 }),
  mode: fc.constantFrom<PagesMode>('agree', 'short', 'overCounted'),
  duplicates: fc.array(fc.nat({ max: 7 }), { maxLength: 3 }),
  order: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
  pageSize: fc.integer({ min: 1, max: 4 }),
  relativeLinks: fc.boolean(),
  extra: extraFields,
  description: unicodeText,
});

/** The rows listed, each once (before duplicates): failed users, then users skipped as already invited. */
function listedRows(s: Scenario): object[] {
  const row = (itemNumber: number, code: string) => ({
    itemNumber,
    trackingId: 'NA_tracking',
    error: {
      key: code === ALREADY_INVITED_CODE ? '304' : '500',
      message: [{ description: s.description, code, locationId: null }],
    },
    ...s.extra,
  });
  const failed = Array.from({ length: s.failed }, (_, i) => row(i + 1, 'SIM-RESEND-FAILED'));
  const skipped = Array.from({ length: s.skipped }, (_, i) => row(100 + i, ALREADY_INVITED_CODE));
  return s.mode === 'short' ? [...failed.slice(1), ...skipped] : [...failed, ...skipped];
}

function answers(s: Scenario) {
  const listed = listedRows(s);
  const rows = shuffled([...listed, ...s.duplicates.flatMap((i) => listed[i] ?? [])], s.order);
  const pages = pagesOf(rows, s.pageSize);
  const total = s.sent + s.failed + s.skipped + s.pending - (s.mode === 'overCounted' ? s.pending + 1 : 0);
  return scriptedHttp('webex', (url) => {
    if (url.pathname.endsWith('/status')) {
      const counts = {
        totalUsers: total,
        userResendInviteSent: s.sent,
        userResendInviteFailed: s.failed,
        userResendInviteSkipped: s.skipped,
      };
      const exit = s.exit === undefined ? {} : { latestExecutionExitCode: s.exit };
      return { body: { id: 'job-1', latestExecutionStatus: s.status, ...exit, counts, ...s.extra } };
    }
    const page = Number(url.searchParams.get('cursor') ?? '0');
    const next = `/v1/errors?cursor=${page + 1}&max=${s.pageSize}`;
    const link =
      page + 1 < pages.length ? { link: `<${s.relativeLinks ? next : SCRIPTED_ORIGIN + next}>; rel="next"` } : {};
    return { body: { items: pages[page] ?? [], ...s.extra }, headers: link };
  });
}

async function run(s: Scenario) {
  const operation = createWebexResendActivationEmailsOperation({ errorsPageSize: s.pageSize });
  const [batch] = planResendActivationEmails({ orgId: ORG_ID });
  if (!batch) throw new Error('no batch planned');
  return { batch, run: await throughEngine(operation, scriptedContext(answers(s).http), batch) };
}

describe('webex.resendActivationEmails over generated answers', () => {
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

  it('keeps more outcomes than totalUsers as a warning, running or not, with every outcome Webex counted', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s) => {
      const outcomes = s.sent + s.failed + s.skipped;
      // A negative totalUsers is no count at all: outside the contract.
      expect(outcome.refused !== undefined).toBe(s.mode === 'overCounted' && outcomes === 0);
      if (outcome.refused !== undefined) return;
      expect(outcome.snapshot.providerFigures !== undefined).toBe(s.mode === 'overCounted');
      if (s.mode !== 'overCounted') return;
      const counts = { total: outcomes, succeeded: s.sent, failed: s.failed, skipped: s.skipped, pending: 0 };
      expect(outcome.snapshot.counts).toEqual(counts);
      if (outcome.settled) expect(outcome.settled.warnings.map((w) => w.kind)).toContain('countsExceedTotal');
    });
  });

  it('follows every Link to the last page, keeps each listed user once, and warns when the pages list fewer', async () => {
    await forEveryAnswer(scenarios, run, (outcome, s) => {
      if (!outcome.settled) return;
      expect(outcome.settled.items).toHaveLength(listedRows(s).length);
      const disagrees = outcome.settled.warnings.some((w) => w.kind === 'countsDisagree');
      expect(disagrees).toBe(s.mode === 'short' && s.failed > 0);
      expect(outcome.result?.counts).toEqual(outcome.snapshot.counts);
    });
  });

  it('polls through any progression of words that end nothing, documented or not, and stops on the first end', async () => {
    const waiting = fc.oneof(
      fc.constantFrom('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN'),
      unknownWord([...ACTIVATION_EMAILS_EXECUTION_STATUSES, ...ACTIVATION_EMAILS_EXIT_CODES]),
    );
    const ends = fc.constantFrom(
      ['COMPLETED', 'COMPLETED'],
      ['COMPLETED', 'COMPLETED_WITH_ERRORS'],
      ['FAILED', 'FAILED'],
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
              : { latestExecutionStatus: word };
          return { body: { id: 'job-1', ...said, counts: { totalUsers: 3, userResendInviteSent: word ? 0 : 3 } } };
        });
        const [batch] = planResendActivationEmails({ orgId: ORG_ID });
        if (!batch) throw new Error('no batch planned');
        const awaited = await pollUntilFinished(
          createWebexResendActivationEmailsOperation(),
          scriptedContext(http),
          batch,
          10,
        );
        expect(awaited.polls).toBe(words.length + 1);
        expect(awaited.stats.answers).toMatchObject({ running: words.length, done: 1 });
      }),
      PROPERTY_RUNS,
    );
  });
});
