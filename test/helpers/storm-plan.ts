/**
 * The fault storms of the storm tests and the soak: which kinds of fault each operation's endpoints get, and the
 * seed (printed, and settable with BULKFLOW_STORM_SEED to replay a run's faults).
 *
 * What may hit which endpoint follows what the provider would have done, so the outcome can be told from the
 * simulator's ledger: on reads (status, item pages) every retryable kind; on starts the definite refusals (423/429,
 * and the permanent ones: an unknown 4xx, a malformed body) everywhere, and the answers that leave the send state
 * unknown (5xx, reset, cut body, stall) only where an interrupted start can be settled (an idempotency key or a
 * lookup: Webex Move Users, FullStory, Zoho). A stall on a start holds the answer after the provider created the job.
 */
import type { OperationId } from '../../src/domain/job';
import type { EndpointStorm, SimFault, StormKind, StormPlan } from '../../src/simulator';

/**
 * How long a stall holds its answer: just above the storms' attempt timeout (3 s, `STORM_TUNING`), so a client that
 * did not cut the request inside its attempt would be seen waiting it out. A request may take three quarters of what
 * is left of its attempt (at most 2.25 s), so the retry arrives well inside the stall.
 */
export const STALL_MS = 4_500;

const retryAfter = (status: 423 | 429, form: 'delta-seconds' | 'http-date'): StormKind => ({
  name: `${status} Retry-After ${form === 'http-date' ? 'HTTP-date' : 'seconds'}`,
  fault: { kind: 'status', status, retryAfterIn: { seconds: 1, form } },
});
const status = (code: number, name = String(code)): StormKind => ({ name, fault: { kind: 'status', status: code } });
const kind = (name: string, fault: SimFault): StormKind => ({ name, fault });

/** Every kind a storm injects, by the name its count is reported under. */
export const KINDS = {
  rate429s: retryAfter(429, 'delta-seconds'),
  rate429d: retryAfter(429, 'http-date'),
  lock423s: retryAfter(423, 'delta-seconds'),
  lock423d: retryAfter(423, 'http-date'),
  s500: status(500),
  s502: status(502),
  s503: status(503),
  s504: status(504),
  unknown5xx: status(520, 'unknown 5xx (520)'),
  unknown4xx: status(418, 'unknown 4xx (418)'),
  reset: kind('connection reset', { kind: 'reset' }),
  truncated: kind('truncated JSON (cut in transit)', { kind: 'truncated' }),
  malformed: kind('malformed JSON', { kind: 'malformed', body: '{"id":"x","items":[1,2,],' }),
  stall: kind(`stall ${STALL_MS / 1000} s`, { kind: 'delay', ms: STALL_MS }),
  stallAccepted: kind(`stall ${STALL_MS / 1000} s`, { kind: 'delay', ms: STALL_MS, accept: true }),
} as const;

/** Kinds whose answer is final: the request must never be sent again. */
export const PERMANENT_KINDS: ReadonlySet<string> = new Set([KINDS.unknown4xx.name, KINDS.malformed.name]);

/** The error types a batch refused by a permanent start fault ends with. */
export const REFUSAL_ERRORS: ReadonlySet<string> = new Set(['ProviderRejectedError', 'ProviderContractError']);

const K = KINDS;

/** Kinds after which the provider may or may not have acted on the request. */
export const UNKNOWN_OUTCOME_KINDS: ReadonlySet<string> = new Set(
  [K.s500, K.s502, K.s503, K.s504, K.unknown5xx, K.reset, K.truncated, K.stall].map((k) => k.name),
);
const definiteStart = [K.rate429s, K.rate429d, K.lock423s, K.lock423d, K.unknown4xx, K.malformed];
const settledStart = [K.rate429s, K.lock423d, K.s500, K.reset, K.truncated, K.stallAccepted, K.unknown4xx, K.malformed];
const statusReads = [K.rate429d, K.lock423s, K.s502, K.s503, K.s504, K.unknown5xx, K.reset, K.truncated, K.stall];
const statusReadsAll = [K.s500, K.s502, K.s503, K.s504, K.unknown5xx, K.reset, K.truncated, K.stall, K.rate429d];
const pageReads = [K.rate429s, K.s500, K.reset, K.truncated];

/** The endpoints of each operation that its adapter calls, with the kinds each gets. */
const STORMS: Readonly<Record<OperationId, Readonly<Record<string, readonly StormKind[]>>>> = {
  'webex.moveUsers': {
    'webex.moveUsers.start': settledStart,
    'webex.moveUsers.list': [K.s503, K.rate429s],
    'webex.moveUsers.status': statusReads,
    'webex.moveUsers.errors': pageReads,
  },
  'webex.resendActivationEmails': {
    'webex.resendActivationEmails.start': definiteStart,
    'webex.resendActivationEmails.status': statusReadsAll,
    'webex.resendActivationEmails.errors': [K.rate429s, K.s503, K.reset, K.truncated],
  },
  'oracle.syncUsers': {
    'oracle.syncUsers.start': definiteStart,
    'oracle.syncUsers.status': statusReadsAll,
    'oracle.syncUsers.draft': [K.s503, K.reset],
    'oracle.syncUsers.log': [K.rate429s, K.truncated],
  },
  'fullstory.importUsers': {
    'fullstory.importUsers.start': settledStart,
    'fullstory.importUsers.status': statusReads,
    'fullstory.importUsers.errors': pageReads,
    'fullstory.importUsers.imports': pageReads,
  },
  'zoho.invitePortalUsers': {
    'zoho.invitePortalUsers.start': settledStart,
    'zoho.invitePortalUsers.status': [...statusReads, K.rate429s],
  },
};

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
  for (const [endpoint, kinds] of Object.entries(STORMS[operation])) {
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
  return [...new Set(Object.values(STORMS[operation]).flatMap((kinds) => kinds.map((k) => k.name)))];
}
