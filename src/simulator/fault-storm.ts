/**
 * Random fault injection from a seeded generator: per endpoint, a share of the requests (`rate`) gets a fault dealt
 * from a shuffled deck that holds every kind of the endpoint once per round, so a storm long enough to deal a round
 * has injected each kind at least once. Between two faults a random number of requests passes, uniform from 0 to
 * twice its mean (1/rate - 1): the share is `rate` on average, and no long drought starves a short run. Each endpoint draws from its own generator (seed + endpoint name), so the
 * sequence of faults one endpoint deals depends only on the seed and how many requests that endpoint got, not on how
 * requests to different endpoints interleave.
 */
import { z } from 'zod';
import { SimFaultSchema, type SimFault } from './faults';

/** One kind of fault a storm deals, and the name it is counted under. */
export const StormKindSchema = z.object({ name: z.string().min(1), fault: SimFaultSchema });
export type StormKind = z.infer<typeof StormKindSchema>;

/** The storm of one endpoint. */
export const EndpointStormSchema = z.object({
  /** Share of the endpoint's requests that get a fault, in [0, 1] (on average: see the gaps above). */
  rate: z.number().min(0).max(1),
  /** The kinds dealt here; each appears once per round of the deck. */
  kinds: z.array(StormKindSchema).min(1),
  /** Rounds of the deck to deal; absent: as long as requests come. */
  rounds: z.number().int().min(1).optional(),
});
export type EndpointStorm = z.infer<typeof EndpointStormSchema>;

/** A whole storm: the seed and the storm of each endpoint (endpoints not listed get no fault). */
export const StormPlanSchema = z.object({
  seed: z.number().int().min(0).max(0xffffffff),
  endpoints: z.record(z.string().min(1), EndpointStormSchema),
});
export type StormPlan = z.infer<typeof StormPlanSchema>;

/** A fault dealt by a storm, with the name of its kind. */
export type StormFault = SimFault & { readonly stormKind: string };

/** mulberry32: a small, fast 32-bit generator; the same seed gives the same sequence in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a of `text`, to derive one generator per endpoint from the storm's seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface Deck {
  readonly storm: EndpointStorm;
  readonly random: () => number;
  cards: number[];
  roundsDealt: number;
  /** Requests still to let pass before the next fault. */
  gap: number;
}

/** A gap drawn uniformly from 0 to twice its mean, which makes `rate` the share of faulted requests. */
function drawGap(storm: EndpointStorm, random: () => number): number {
  if (storm.rate <= 0) return Infinity;
  return Math.round(random() * 2 * (1 / storm.rate - 1));
}

/** A running storm: deals faults and counts them by kind. */
export class FaultStorm {
  private readonly decks = new Map<string, Deck>();
  private readonly counts = new Map<string, number>();

  constructor(readonly plan: StormPlan) {
    for (const [endpoint, storm] of Object.entries(plan.endpoints)) {
      const random = seededRandom(plan.seed ^ hash32(endpoint));
      this.decks.set(endpoint, { storm, random, cards: [], roundsDealt: 0, gap: drawGap(storm, random) });
    }
  }

  /** The fault for the next request to `endpoint`, or `undefined` when it passes untouched. */
  next(endpoint: string): StormFault | undefined {
    const deck = this.decks.get(endpoint);
    if (!deck) return undefined;
    if (deck.gap > 0) {
      deck.gap -= 1;
      return undefined;
    }
    if (deck.cards.length === 0 && !this.newRound(deck)) return undefined;
    deck.gap = drawGap(deck.storm, deck.random);
    const kind = deck.storm.kinds[deck.cards.pop() ?? 0];
    if (!kind) return undefined;
    this.counts.set(kind.name, (this.counts.get(kind.name) ?? 0) + 1);
    return { ...kind.fault, stormKind: kind.name };
  }

  /** Faults dealt so far, by kind name; every kind of the plan is listed, with 0 when not dealt yet. */
  injected(): Record<string, number> {
    const names = [...this.decks.values()].flatMap((deck) => deck.storm.kinds.map((k) => k.name));
    return Object.fromEntries(names.map((name) => [name, this.counts.get(name) ?? 0]));
  }

  /** Faults still to deal on endpoints with a bounded number of rounds (0 once all are dealt). */
  remaining(): number {
    let left = 0;
    for (const deck of this.decks.values()) {
      const rounds = deck.storm.rounds;
      if (rounds !== undefined) left += deck.cards.length + (rounds - deck.roundsDealt) * deck.storm.kinds.length;
    }
    return left;
  }

  private newRound(deck: Deck): boolean {
    if (deck.storm.rounds !== undefined && deck.roundsDealt >= deck.storm.rounds) return false;
    deck.roundsDealt += 1;
    const cards = deck.storm.kinds.map((_, i) => i);
    for (let i = cards.length - 1; i > 0; i -= 1) {
      const j = Math.floor(deck.random() * (i + 1));
      [cards[i], cards[j]] = [cards[j] ?? i, cards[i] ?? j];
    }
    deck.cards = cards;
    return true;
  }
}
