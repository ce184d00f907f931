import { FaultStorm, SimFaults, seededRandom, startSimulator, type StormPlan } from '../../../src/simulator';
import { createEchoSimulator } from './echo-simulator';

const KINDS = [
  { name: '500', fault: { kind: 'status', status: 500 } },
  { name: 'reset', fault: { kind: 'reset' } },
  { name: 'stall', fault: { kind: 'delay', ms: 10 } },
] as const;

function plan(seed: number, rate: number, rounds?: number): StormPlan {
  const storm = { rate, kinds: KINDS.map((k) => ({ ...k, fault: { ...k.fault } })) };
  return { seed, endpoints: { 'test.get': rounds === undefined ? storm : { ...storm, rounds } } };
}

/** The kinds dealt to `requests` requests of `endpoint` ('-' for a request that passed). */
function deal(storm: FaultStorm, requests: number, endpoint = 'test.get'): string[] {
  return Array.from({ length: requests }, () => storm.next(endpoint)?.stormKind ?? '-');
}

describe('seededRandom', () => {
  it('gives the same sequence for the same seed, in [0, 1), and another for another seed', () => {
    const a = Array.from({ length: 50 }, seededRandom(42));
    expect(Array.from({ length: 50 }, seededRandom(42))).toEqual(a);
    expect(Array.from({ length: 50 }, seededRandom(43))).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('FaultStorm', () => {
  it('deals the same faults in the same order for the same seed', () => {
    expect(deal(new FaultStorm(plan(7, 0.5)), 40)).toEqual(deal(new FaultStorm(plan(7, 0.5)), 40));
    expect(deal(new FaultStorm(plan(7, 0.5)), 40)).not.toEqual(deal(new FaultStorm(plan(8, 0.5)), 40));
  });

  it('deals every kind once per round of the deck', () => {
    const dealt = deal(new FaultStorm(plan(3, 1)), KINDS.length * 4);
    for (let round = 0; round < 4; round += 1) {
      const cards = dealt.slice(round * KINDS.length, (round + 1) * KINDS.length);
      expect([...cards].sort()).toEqual(KINDS.map((k) => k.name).sort());
    }
  });

  it('faults about `rate` of the requests', () => {
    const dealt = deal(new FaultStorm(plan(11, 0.25)), 4_000);
    const share = dealt.filter((k) => k !== '-').length / dealt.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.28);
  });

  it('never lets more than twice the mean gap pass between two faults', () => {
    const dealt = deal(new FaultStorm(plan(13, 0.25)), 2_000).join(' ');
    // Mean gap at a quarter: 3 requests; at most 6 in a row pass untouched.
    expect(dealt).not.toMatch(/(- ){7}/);
    expect(dealt).toMatch(/(- ){6}/);
  });

  it('deals nothing at rate 0 and nothing on endpoints it does not list', () => {
    expect(deal(new FaultStorm(plan(1, 0)), 100).every((k) => k === '-')).toBe(true);
    expect(deal(new FaultStorm(plan(1, 1)), 100, 'other.endpoint').every((k) => k === '-')).toBe(true);
  });

  it('stops after its rounds, counts what it dealt by kind, and says how much is left', () => {
    const storm = new FaultStorm(plan(5, 1, 2));
    expect(storm.remaining()).toBe(6);
    expect(storm.injected()).toEqual({ '500': 0, reset: 0, stall: 0 });
    deal(storm, 4);
    expect(storm.remaining()).toBe(2);
    expect(deal(storm, 10).filter((k) => k !== '-')).toHaveLength(2);
    expect(storm.remaining()).toBe(0);
    expect(storm.injected()).toEqual({ '500': 2, reset: 2, stall: 2 });
  });

  it("keeps one endpoint's faults independent of the requests to another", () => {
    const both: StormPlan = {
      seed: 9,
      endpoints: { a: plan(0, 0.5).endpoints['test.get']!, b: plan(0, 0.5).endpoints['test.get']! },
    };
    const alone = deal(new FaultStorm(both), 30, 'a');
    const interleaved = new FaultStorm(both);
    const seen = Array.from({ length: 30 }, () => {
      interleaved.next('b');
      return interleaved.next('a')?.stormKind ?? '-';
    });
    expect(seen).toEqual(alone);
  });
});

describe('SimFaults with a storm', () => {
  it('serves queued faults first, then the storm, and forgets the storm on clear', () => {
    const faults = new SimFaults();
    faults.storm(new FaultStorm(plan(2, 1)));
    faults.add('test.get', { kind: 'status', status: 418 });
    expect(faults.take('test.get')).toEqual({ kind: 'status', status: 418 });
    expect(faults.take('test.get')?.stormKind).toBeDefined();
    faults.clear();
    expect(faults.take('test.get')).toBeUndefined();
  });
});

describe('storm control API', () => {
  it('starts a storm from a plan, logs each fault with its kind, counts them, and stops', async () => {
    const server = await startSimulator({ simulators: [createEchoSimulator()] });
    try {
      const control = (method: string, body?: unknown) =>
        fetch(`${server.url}/__sim/storm`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
      expect((await control('POST', { seed: 1, endpoints: { 'test.get': { rate: 2, kinds: [] } } })).status).toBe(400);
      expect((await control('POST', plan(1, 1, 1))).status).toBe(201);
      const statuses = [];
      for (let i = 0; i < 4; i += 1) {
        statuses.push(
          await fetch(`${server.url}/v1/things/1`).then(
            (r) => r.status,
            () => 'reset',
          ),
        );
      }
      // One 500, one reset, one stall (answered 200, late) and one untouched request.
      expect(statuses.sort()).toEqual([200, 200, 500, 'reset']);
      expect(
        server.log
          .entries()
          .flatMap((e) => e.stormKind ?? [])
          .sort(),
      ).toEqual(['500', 'reset', 'stall']);
      expect(await (await control('GET')).json()).toEqual({ injected: { '500': 1, reset: 1, stall: 1 }, remaining: 0 });
      expect((await control('DELETE')).status).toBe(204);
    } finally {
      await server.close();
    }
  });
});
