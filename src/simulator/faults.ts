/** Scripted faults, queued per endpoint name and consumed first-in first-out before the real handler runs. */
import { z } from 'zod';

/** A `Retry-After` of `seconds` from the moment the answer is sent, as delta-seconds or as an HTTP-date. */
export const RetryAfterInSchema = z.object({
  seconds: z.number().int().min(0),
  form: z.enum(['delta-seconds', 'http-date']),
});
export type RetryAfterIn = z.infer<typeof RetryAfterInSchema>;

/**
 * The `Retry-After` value of `wait` for an answer sent at `nowMs`. An HTTP-date names a whole second, so the date is
 * rounded up to the next whole second: the window it names is never shorter than `wait.seconds`.
 */
export function retryAfterValue(wait: RetryAfterIn, nowMs: number): string {
  if (wait.form === 'delta-seconds') return String(wait.seconds);
  return new Date(Math.ceil((nowMs + wait.seconds * 1000) / 1000) * 1000).toUTCString();
}

/** One scripted misbehaviour of an endpoint. */
export const SimFaultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.number().int().min(100).max(599),
    /** Raw `Retry-After` value: delta-seconds (`'2'`) or an HTTP-date. */
    retryAfter: z.string().optional(),
    /** A `Retry-After` written when the answer is sent (see `retryAfterValue`); `retryAfter` wins when both are set. */
    retryAfterIn: RetryAfterInSchema.optional(),
    /** Overrides the provider's documented error body. */
    body: z.unknown().optional(),
  }),
  /** Destroys the socket without answering (the handler does not run). */
  z.object({ kind: z.literal('reset') }),
  /**
   * A stall: waits `ms`, then answers normally. With `accept`, the real handler runs first (the provider has done
   * the work and its answer is late); without, it runs after the wait.
   */
  z.object({ kind: z.literal('delay'), ms: z.number().int().min(0), accept: z.boolean().optional() }),
  /**
   * Runs the real handler, sends its status and headers with the full `Content-Length`, then only the first half of
   * the body before destroying the socket: an answer cut short in transit.
   */
  z.object({ kind: z.literal('truncated') }),
  /** Answers 200 with a body that is not JSON or not the documented shape. */
  z.object({ kind: z.literal('malformed'), body: z.string().optional() }),
  /** Runs the real handler (e.g. creates the job), then destroys the socket without answering. */
  z.object({ kind: z.literal('acceptThenReset') }),
  /**
   * Holds the request until the test calls `release(endpoint, outcome)`: with `accept`, the real handler runs
   * first (the provider has done the work); without, it runs only if released with `answer`. Crash tests kill a
   * worker while its request is held here.
   */
  z.object({ kind: z.literal('hold'), accept: z.boolean().default(false) }),
]);
export type SimFault = z.infer<typeof SimFaultSchema>;

/** Body of `POST /__sim/faults`. */
export const AddFaultRequestSchema = z.object({
  endpoint: z.string().min(1),
  fault: SimFaultSchema,
  times: z.number().int().min(1).default(1),
  /** Requests to let pass before the fault applies. */
  skip: z.number().int().min(0).default(0),
});
export type AddFaultRequest = z.infer<typeof AddFaultRequestSchema>;

/** Default body of a `malformed` fault: not JSON at all. */
export const DEFAULT_MALFORMED_BODY = '<html><body>upstream proxy error</body></html>';

/**
 * A standing rate limit on one endpoint: until `untilMs`, every request is answered 429 with a `Retry-After` (whole
 * seconds, at least 1) that points at `untilMs` plus a random share of `spreadMs`, so clients that obey come back
 * after the window, spread out. Queued faults still go first.
 */
export interface RateLimitWindow {
  readonly untilMs: number;
  readonly spreadMs: number;
}

/** How a held request ends: answered normally, or its connection dropped. */
export type HoldOutcome = 'answer' | 'reset';

/** A fault as taken for one request: a storm's fault carries the name of its kind. */
export type TakenFault = SimFault & { readonly stormKind?: string };

/** Something that deals faults to requests on its own (a `FaultStorm`), consulted after the queues and windows. */
export interface FaultSource {
  next(endpoint: string): TakenFault | undefined;
}

/** FIFO queues of scripted faults, one per endpoint name. */
export class SimFaults {
  /** `null` entries let a request pass untouched (see `skip` in `add`). */
  private readonly queues = new Map<string, (SimFault | null)[]>();
  private readonly holds = new Map<string, ((outcome: HoldOutcome) => void)[]>();
  private readonly windows = new Map<string, RateLimitWindow>();
  private source: FaultSource | undefined;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** Sets (or, with `undefined`, lifts) the standing rate limit of `endpoint`. */
  rateLimit(endpoint: string, window: RateLimitWindow | undefined): void {
    if (window) this.windows.set(endpoint, window);
    else this.windows.delete(endpoint);
  }

  /** Lets `source` (e.g. a `FaultStorm`) deal faults to requests no queued fault or window takes; `undefined` stops it. */
  storm(source: FaultSource | undefined): void {
    this.source = source;
  }

  /** Parks a request of `endpoint` until `release`. */
  hold(endpoint: string): Promise<HoldOutcome> {
    return new Promise((resolve) => {
      this.holds.set(endpoint, [...(this.holds.get(endpoint) ?? []), resolve]);
    });
  }

  /** Requests of `endpoint` now held. */
  held(endpoint: string): number {
    return this.holds.get(endpoint)?.length ?? 0;
  }

  /** Ends every held request of `endpoint` with `outcome`; returns how many there were. */
  release(endpoint: string, outcome: HoldOutcome): number {
    const waiting = this.holds.get(endpoint) ?? [];
    this.holds.delete(endpoint);
    for (const resolve of waiting) resolve(outcome);
    return waiting.length;
  }

  /** Queues `fault` for the next `times` requests to `endpoint`, after letting `skip` requests pass. */
  add(endpoint: string, fault: SimFault, times = 1, skip = 0): void {
    const queue = this.queues.get(endpoint) ?? [];
    for (let i = 0; i < skip; i += 1) queue.push(null);
    for (let i = 0; i < times; i += 1) queue.push(fault);
    this.queues.set(endpoint, queue);
  }

  /**
   * Removes and returns the next fault for `endpoint`, if any; else the rate limit's 429 while it lasts; else what
   * the storm deals, if one runs.
   */
  take(endpoint: string): TakenFault | undefined {
    const queue = this.queues.get(endpoint);
    const fault = queue?.shift();
    if (queue?.length === 0) this.queues.delete(endpoint);
    return fault ?? this.limited(endpoint) ?? this.source?.next(endpoint);
  }

  private limited(endpoint: string): SimFault | undefined {
    const window = this.windows.get(endpoint);
    if (!window) return undefined;
    const waitMs = window.untilMs - this.now();
    if (waitMs <= 0) {
      this.windows.delete(endpoint);
      return undefined;
    }
    const seconds = Math.max(1, Math.ceil((waitMs + this.random() * window.spreadMs) / 1000));
    return { kind: 'status', status: 429, retryAfter: String(seconds) };
  }

  /** Faults still queued, by endpoint. */
  pending(): Record<string, SimFault[]> {
    return Object.fromEntries(
      [...this.queues].map(([endpoint, queue]) => [endpoint, queue.filter((f): f is SimFault => f !== null)]),
    );
  }

  /** Drops every queued fault, rate limit and storm, and drops the connections of held requests. */
  clear(): void {
    this.queues.clear();
    this.windows.clear();
    this.source = undefined;
    for (const endpoint of [...this.holds.keys()]) this.release(endpoint, 'reset');
  }
}
