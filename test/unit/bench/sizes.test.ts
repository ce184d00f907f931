import { RUN_MODES, SCENARIOS } from '../../../bench/lib/args';
import { moveUsers } from '../../../bench/lib/requests';
import { SIZES } from '../../../bench/lib/sizes';
import type { ScenarioSizes } from '../../../bench/lib/sizes';
import { DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES } from '../../../src/claim-check/codec';
import { MAX_USERS_PER_REQUEST } from '../../../src/providers/webex-move-users/limits';

/** Every count and duration of a mode's sizes, by path (`capacity.tiers.0`), to compare modes field by field. */
function figures(value: unknown, path = ''): Map<string, number> {
  if (typeof value === 'number') return new Map([[path, value]]);
  const entries = Object.entries(value as Record<string, unknown>);
  return new Map(entries.flatMap(([key, inner]) => [...figures(inner, path ? `${path}.${key}` : key)]));
}

/** The work a mode asks of each scenario: jobs (or users, or polls) times runs, summed over its sizes. */
function work(s: ScenarioSizes): Record<string, number> {
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  return {
    history: sum(s.history.polls) * s.history.runs,
    capacity: sum(s.capacity.tiers) + s.capacity.limitChains * s.capacity.limitAttempts,
    latency: s.latency.intervalsMs.length * s.latency.jobs * s.latency.runs,
    'retry-after': s['retry-after'].jobs * s['retry-after'].runs,
    'scope-cooldown': s['scope-cooldown'].jobs,
    start: (2 * s.start.jobs + s.start.serialJobs) * s.start.runs,
    large: sum(s.large.users) + s.large.zoho.invites,
    encryption: s.encryption.jobs * s.encryption.runs,
  };
}

describe('SIZES', () => {
  it('sizes every scenario in every mode', () => {
    for (const mode of RUN_MODES) expect(Object.keys(SIZES[mode]).sort()).toEqual([...SCENARIOS, 'deadlineMs'].sort());
  });

  it('asks less of every scenario in quick than in full, and less in smoke than in quick', () => {
    const [full, quick, smoke] = [work(SIZES.full), work(SIZES.quick), work(SIZES.smoke)];
    for (const scenario of SCENARIOS) {
      expect(quick[scenario]).toBeLessThan(full[scenario] ?? 0);
      expect(smoke[scenario]).toBeLessThan(quick[scenario] ?? 0);
    }
  });

  it('never makes a smoke figure larger than the quick one, but for what keeps the path whole', () => {
    const quick = figures(SIZES.quick);
    const larger = [...figures(SIZES.smoke)].filter(([path, n]) => n > (quick.get(path) ?? Infinity));
    // Smoke's large request is bigger than quick's smallest (it must pass the claim check); its list is shorter.
    expect(larger).toEqual([['large.users.0', 2_000]]);
  });

  it('keeps every part of each path in smoke: at least one job, run and size everywhere', () => {
    const zeroes = [...figures(SIZES.smoke)].filter(([, n]) => !(n > 0));
    expect(zeroes).toEqual([]);
    for (const scenario of SCENARIOS) expect(work(SIZES.smoke)[scenario]).toBeGreaterThan(0);
  });

  it('measures the workflow loop at two sizes at least in every mode (its growth is a slope)', () => {
    for (const mode of RUN_MODES) {
      const { polls, loopCap } = SIZES[mode].history;
      expect(polls.filter((p) => p <= loopCap).length).toBeGreaterThanOrEqual(2);
    }
  });

  it("sends smoke's large request through the claim check, in more than one provider job", () => {
    for (const users of SIZES.smoke.large.users) {
      const request = moveUsers(`org-large-${users}`, users);
      expect(Buffer.byteLength(JSON.stringify(request))).toBeGreaterThan(DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES);
      expect(users).toBeGreaterThan(MAX_USERS_PER_REQUEST);
    }
  });

  it('gives a smoke scenario minutes before it fails, and a full one hours', () => {
    expect(SIZES.smoke.deadlineMs).toBeLessThanOrEqual(5 * 60_000);
    expect(SIZES.quick.deadlineMs).toBeGreaterThan(SIZES.smoke.deadlineMs);
    expect(SIZES.full.deadlineMs).toBeGreaterThanOrEqual(6 * 3_600_000);
  });
});
