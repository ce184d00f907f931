/**
 * The kinds of fault a storm deals (`FaultStorm`), and the decks of them that each kind of endpoint may get. An
 * operation's samples (`storm.faults`) give each endpoint its adapter calls one of these decks, or its own list.
 *
 * What may hit which endpoint follows what the provider would have done, so the outcome can be told from the
 * simulator's ledger: on reads (status, item pages) every retryable kind; on starts the definite refusals (423/429,
 * and the permanent ones: an unknown 4xx, a malformed body) everywhere, and the answers that leave the send state
 * unknown (5xx, reset, cut body, stall) only where an interrupted start can be settled (an idempotency key or a
 * lookup). A stall on a start holds the answer after the provider created the job.
 */
import type { SimFault } from './faults';
import type { StormKind } from './fault-storm';

/**
 * How long a stall holds its answer: just above the storms' attempt timeout (3 s, `STORM_TUNING` of the tests), so a
 * client that did not cut the request inside its attempt would be seen waiting it out. A request may take three
 * quarters of what is left of its attempt (at most 2.25 s), so the retry arrives well inside the stall.
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

const K = KINDS;

/** The decks an endpoint may get, by what it does. */
export const STORM_DECKS = {
  /** A start whose interruption cannot be settled: only answers that say for sure nothing was created. */
  definiteStart: [K.rate429s, K.rate429d, K.lock423s, K.lock423d, K.unknown4xx, K.malformed],
  /** A start whose interruption is settled (an idempotency key or a lookup): the unknown outcomes too. */
  settledStart: [K.rate429s, K.lock423d, K.s500, K.reset, K.truncated, K.stallAccepted, K.unknown4xx, K.malformed],
  /** A status read. */
  statusReads: [K.rate429d, K.lock423s, K.s502, K.s503, K.s504, K.unknown5xx, K.reset, K.truncated, K.stall],
  /** A status read, with a 500 in place of the 423. */
  statusReadsAll: [K.s500, K.s502, K.s503, K.s504, K.unknown5xx, K.reset, K.truncated, K.stall, K.rate429d],
  /** A page of item results. */
  pageReads: [K.rate429s, K.s500, K.reset, K.truncated],
} as const satisfies Readonly<Record<string, readonly StormKind[]>>;
