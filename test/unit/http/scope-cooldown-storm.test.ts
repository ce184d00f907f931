/**
 * The scope cooldown under a long run of random refusals (a fault storm's 423s and 429s, each with a Retry-After of
 * its own, unrelated to any rate): its pace never passes its ceiling, a held request's slot is never further than the
 * ceiling times the requests held after the window, nothing is sent inside a window, every request gets its turn, and
 * the pace is forgotten once the refusals stop. A seeded event simulation on a fake clock.
 */
import { FORGET_PACE_AFTER_MS, ScopeCooldowns, SLOT_JITTER_RATIO, paceCeiling } from '../../../src/http/scope-cooldown';
import type { HttpResponse } from '../../../src/http/types';
import { seededRandom } from '../../../src/simulator/fault-storm';

const SCOPE = 'zoho/default';
/** Retry-After values the storm's refusals carry, in seconds. */
const RETRY_AFTER_SECONDS = [1, 2, 3];
const SLOWEST_CEILING = paceCeiling(Math.max(...RETRY_AFTER_SECONDS) * 1_000);

interface StormRun {
  readonly requesters: number;
  readonly requestsEach: number;
  /** Share of sent requests refused while the storm lasts. */
  readonly refusalRate: number;
  readonly stormMs: number;
  readonly seed: number;
}

interface Requester {
  readonly id: number;
  done: number;
  /** When the current request was first held, while it waits for its turn. */
  heldSince?: number;
}

type SimEvent =
  | { readonly at: number; readonly kind: 'ask'; readonly who: Requester }
  | { readonly at: number; readonly kind: 'answer'; readonly who: Requester };

/** What a run saw. */
interface Outcome {
  finishedAt: number;
  sent: number;
  refused: number;
  held: number;
  insideWindow: number;
  done: number[];
  slowestPace: number;
  /** The largest (slot − max(window end, now)) ÷ requests held, over every held answer. */
  worstSlotPerHeld: number;
  longestWaitMs: number;
  /** The largest time from the end of the last window a held request waited through (or its hold) to its send. */
  longestTurnMs: number;
  lastWindowEnd: number;
}

function answer(status: number, receivedAt: number, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: new Headers(headers), url: 'http://provider/x', text: '{}', receivedAt };
}

/**
 * Requesters each send `requestsEach` requests one after another through one scope, as activities do: a held request
 * comes back at its slot (plus up to 100 ms of scheduling), a refused one after the refusal's Retry-After.
 */
class StormSim {
  private readonly random: () => number;
  private readonly events: SimEvent[] = [];
  private readonly requesters: Requester[];
  /** The windows the provider announced: when, and until when. */
  private readonly windows: { at: number; until: number }[] = [];
  private readonly out: Outcome;

  constructor(
    private readonly cooldowns: ScopeCooldowns,
    private readonly clock: { now: number },
    private readonly run: StormRun,
  ) {
    this.random = seededRandom(run.seed);
    this.requesters = Array.from({ length: run.requesters }, (_, id) => ({ id, done: 0 }));
    for (const who of this.requesters) this.events.push({ at: Math.floor(this.random() * 200), kind: 'ask', who });
    this.out = {
      ...{ finishedAt: 0, sent: 0, refused: 0, held: 0, insideWindow: 0, done: [], slowestPace: 0 },
      ...{ worstSlotPerHeld: 0, longestWaitMs: 0, longestTurnMs: 0, lastWindowEnd: 0 },
    };
  }

  runToEnd(): Outcome {
    while (this.events.length > 0) {
      this.events.sort((a, b) => a.at - b.at);
      const event = this.events.shift()!;
      this.clock.now = event.at;
      this.out.slowestPace = Math.max(this.out.slowestPace, this.cooldowns.paceOf(SCOPE));
      if (event.kind === 'ask') this.ask(event.who);
      else this.answer(event.who);
    }
    return { ...this.out, finishedAt: this.clock.now, done: this.requesters.map((r) => r.done) };
  }

  private ask(who: Requester): void {
    const now = this.clock.now;
    const admission = this.cooldowns.admit(SCOPE, `${who.id}/${who.done}`, 'http://provider/x');
    if (admission.kind === 'held') {
      this.out.held += 1;
      who.heldSince ??= now;
      const perHeld = (admission.untilMs - Math.max(this.out.lastWindowEnd, now)) / this.cooldowns.held;
      this.out.worstSlotPerHeld = Math.max(this.out.worstSlotPerHeld, perHeld);
      this.later(admission.untilMs + Math.floor(this.random() * 100), 'ask', who);
      return;
    }
    this.out.sent += 1;
    if (this.windows.some((w) => w.at < now && now < w.until)) this.out.insideWindow += 1;
    if (who.heldSince !== undefined) {
      this.out.longestWaitMs = Math.max(this.out.longestWaitMs, now - who.heldSince);
      const turnMs = now - Math.max(this.out.lastWindowEnd, who.heldSince);
      this.out.longestTurnMs = Math.max(this.out.longestTurnMs, turnMs);
    }
    delete who.heldSince;
    this.later(now + 5 + Math.floor(this.random() * 30), 'answer', who);
  }

  private answer(who: Requester): void {
    const now = this.clock.now;
    if (now < this.run.stormMs && this.random() < this.run.refusalRate) {
      const ms = this.pick(RETRY_AFTER_SECONDS) * 1_000;
      this.out.refused += 1;
      this.windows.push({ at: now, until: now + ms });
      this.out.lastWindowEnd = Math.max(this.out.lastWindowEnd, now + ms);
      this.cooldowns.record(SCOPE, answer(this.pick([423, 429]), now, { 'retry-after': String(ms / 1_000) }));
      this.later(now + ms + Math.floor(this.random() * 100), 'ask', who);
      return;
    }
    this.cooldowns.record(SCOPE, answer(200, now));
    who.done += 1;
    if (who.done < this.run.requestsEach) this.later(now + Math.floor(this.random() * 50), 'ask', who);
  }

  private later(at: number, kind: SimEvent['kind'], who: Requester): void {
    this.events.push({ at, kind, who });
  }

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)]!;
  }
}

function simulate(cooldowns: ScopeCooldowns, clock: { now: number }, run: StormRun): Outcome {
  return new StormSim(cooldowns, clock, run).runToEnd();
}

describe('ScopeCooldowns under a storm of random refusals', () => {
  const clock = { now: 0 };
  const make = (seed: number) => {
    const jitter = seededRandom(seed ^ 0x5eed);
    return new ScopeCooldowns(() => clock.now, jitter);
  };

  beforeEach(() => {
    clock.now = 0;
  });

  it.each([1078003205, 7, 424242])(
    'keeps the pace under its ceiling, every held slot within the bound, and gives every request its turn (seed %d)',
    (seed) => {
      const run: StormRun = { requesters: 30, requestsEach: 40, refusalRate: 0.3, stormMs: 120_000, seed };
      const outcome = simulate(make(seed), clock, run);

      expect(outcome.insideWindow).toBe(0);
      expect(outcome.slowestPace).toBeLessThanOrEqual(SLOWEST_CEILING);
      // Behind a window, the k-th held request's slot is at most k ceilings (and its jitter) after the window's end.
      expect(outcome.worstSlotPerHeld).toBeLessThanOrEqual(SLOWEST_CEILING * (1 + SLOT_JITTER_RATIO) + 1);
      // Every held request is sent at most one ceiling per requester (and the 100 ms it may come back late) after the
      // last window it waited through ended.
      const turnBound = run.requesters * SLOWEST_CEILING * (1 + SLOT_JITTER_RATIO) + 100;
      expect(outcome.longestTurnMs).toBeLessThanOrEqual(turnBound);
      expect(outcome.done).toEqual(Array.from({ length: run.requesters }, () => run.requestsEach));
      // The run did meet a storm: refusals, and many requests held behind them.
      expect(outcome.refused).toBeGreaterThan(15);
      expect(outcome.held).toBeGreaterThan(1_000);
    },
  );

  it('gives every request its turn through a storm, then forgets the pace a minute after the last window', () => {
    const run: StormRun = { requesters: 30, requestsEach: 200, refusalRate: 0.3, stormMs: 60_000, seed: 1078003205 };
    const cooldowns = make(run.seed);
    const outcome = simulate(cooldowns, clock, run);

    expect(outcome.insideWindow).toBe(0);
    expect(outcome.done.every((n) => n === run.requestsEach)).toBe(true);
    clock.now = outcome.lastWindowEnd + FORGET_PACE_AFTER_MS + 1;
    cooldowns.record(SCOPE, answer(200, clock.now));
    expect(cooldowns.paceOf(SCOPE)).toBe(0);
    const burst = Array.from({ length: 20 }, (_, i) => cooldowns.admit(SCOPE, `late/${i}`, 'http://provider/x'));
    expect(burst.every((a) => a.kind === 'send')).toBe(true);
  });
});
