/**
 * The fault storms of the storm tests and the soak: each operation's endpoints get the kinds of fault its samples
 * give them (`storm.faults`; src/simulator/storm-kinds.ts says which kinds may hit which endpoint), and the seed
 * (printed, and settable with BULKFLOW_STORM_SEED to replay a run's faults).
 */
import type { OperationId } from '../../src/domain/job';
import type { EndpointStorm, StormKind, StormPlan } from '../../src/simulator';
import { samplesOf } from '../../src/simulator-registry';
import { KINDS } from '../../src/simulator/storm-kinds';

/** Kinds whose answer is final: the request must never be sent again. */
export const PERMANENT_KINDS: ReadonlySet<string> = new Set([KINDS.unknown4xx.name, KINDS.malformed.name]);

/** Kinds after which the provider may or may not have acted on the request. */
export const UNKNOWN_OUTCOME_KINDS: ReadonlySet<string> = new Set(
  [KINDS.s500, KINDS.s502, KINDS.s503, KINDS.s504, KINDS.unknown5xx, KINDS.reset, KINDS.truncated, KINDS.stall].map(
    (k) => k.name,
  ),
);

/** The error types a batch refused by a permanent start fault ends with. */
export const REFUSAL_ERRORS: ReadonlySet<string> = new Set(['ProviderRejectedError', 'ProviderContractError']);

/** The endpoints of `operation` that its adapter calls (full names: `<operation>.<name>`), with the kinds each gets. */
function stormsOf(operation: OperationId): Array<[string, readonly StormKind[]]> {
  return Object.entries(samplesOf(operation).storm.faults).map(([name, kinds]) => [`${operation}.${name}`, kinds]);
}

/** The seed of this run: BULKFLOW_STORM_SEED when set, else a fresh one. */
export function stormSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env['BULKFLOW_STORM_SEED'];
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new Error(`BULKFLOW_STORM_SEED must be an integer in [0, 2^32), got ${given}`);
    }
    return seed;
  }
  return Math.floor(Math.random() * 0x100000000);
}

/**
 * The storm of `operation`: a share `rate` of each endpoint's requests get a fault, each kind once per round;
 * `rounds` bounds the rounds (absent: as long as requests come, as in the soak).
 */
export function stormPlan(operation: OperationId, seed: number, rate: number, rounds?: number): StormPlan {
  const endpoints: Record<string, EndpointStorm> = {};
  for (const [endpoint, kinds] of stormsOf(operation)) {
    endpoints[endpoint] = { rate, kinds: [...kinds], ...(rounds === undefined ? {} : { rounds }) };
  }
  return { seed, endpoints };
}

/** The storms of several operations as one plan (the soak runs them all at once). */
export function combinedPlan(operations: readonly OperationId[], seed: number, rate: number): StormPlan {
  const endpoints = Object.assign({}, ...operations.map((op) => stormPlan(op, seed, rate).endpoints)) as Record<
    string,
    EndpointStorm
  >;
  return { seed, endpoints };
}

/** Every kind name the storm of `operation` can inject. */
export function kindNames(operation: OperationId): string[] {
  return [...new Set(stormsOf(operation).flatMap(([, kinds]) => kinds.map((k) => k.name)))];
}
