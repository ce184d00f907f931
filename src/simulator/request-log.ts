/** Every provider request the simulator received, in order, with when it arrived and how it was answered. */

/** One logged request. Headers are never recorded, so no `Authorization` value can leak. */
export interface RequestLogEntry {
  readonly endpoint: string;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /**
   * What the request is about, so that requests about one thing can be followed across endpoints and retries:
   * `job:<id>` for a request about one provider job, else the method, path, query and a digest of the body (the
   * same start retried has the same subject). See `subjectOf` in `dispatch.ts`.
   */
  readonly subject: string;
  /** Epoch ms. */
  readonly receivedAt: number;
  /** HTTP status sent, or `reset` when the socket was destroyed without an answer. */
  readonly status: number | 'reset';
  /** Epoch ms at which the answer was handed to the socket (no client can have read it earlier). */
  readonly answeredAt: number;
  /** The `Retry-After` header the answer carried, as sent (delta-seconds or an HTTP-date). */
  readonly retryAfter?: string;
  /** Epoch ms at which the client closed the connection before the answer was handed to it (it gave up waiting). */
  readonly clientGoneAt?: number;
  /** Kind of the scripted fault that shaped the answer, if any. */
  readonly fault?: string;
  /** The storm's name for that fault (e.g. `429 (Retry-After date)`), when a fault storm injected it. */
  readonly stormKind?: string;
}

export interface RequestLogFilter {
  readonly endpoint?: string;
  readonly method?: string;
}

/** Append-only request log. */
export class RequestLog {
  private readonly items: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.items.push(entry);
  }

  /** Entries in arrival order, optionally only those of one endpoint and/or method. */
  entries(filter: RequestLogFilter = {}): RequestLogEntry[] {
    return this.items.filter(
      (e) =>
        (filter.endpoint === undefined || e.endpoint === filter.endpoint) &&
        (filter.method === undefined || e.method === filter.method.toUpperCase()),
    );
  }

  clear(): void {
    this.items.length = 0;
  }
}
