/**
 * Open `Retry-After` windows, shared by every request a worker sends. One activity keeps the window its own answer
 * opened (its next attempt is scheduled after it), but another activity may send the very same request meanwhile:
 * two batches of one Zoho job that both settle an interrupted start read the same job listing. Inside the window of
 * an identical request (same connection, method, URL and body) the client sends nothing and answers with the stored
 * refusal, its `Retry-After` cut to what is left of the window, so the caller retries as if the provider had said it
 * again (docs/decisions.md, "Retry-After windows are shared inside a worker").
 */
import { parseRetryAfter } from './retry-after';
import type { HttpResponse } from './types';

/** Windows kept at most; the oldest go first, expired ones on every record. */
export const MAX_OPEN_WINDOWS = 10_000;

interface OpenWindow {
  readonly endsAt: number;
  readonly answer: HttpResponse;
}

export class RetryAfterWindows {
  private readonly open = new Map<string, OpenWindow>();

  constructor(private readonly now: () => number = Date.now) {}

  /** How many windows are open (for tests and metrics). */
  get size(): number {
    return this.open.size;
  }

  /**
   * The stored answer for `key` while its window is open, as a fresh response whose `Retry-After` names the rest of
   * the window in delta-seconds (with milliseconds); `undefined` once it has closed.
   */
  heldAnswer(key: string): HttpResponse | undefined {
    const window = this.open.get(key);
    if (window === undefined) return undefined;
    const now = this.now();
    const leftMs = window.endsAt - now;
    if (leftMs <= 0) {
      this.open.delete(key);
      return undefined;
    }
    const headers = new Headers(window.answer.headers);
    headers.delete('date');
    headers.set('retry-after', (leftMs / 1000).toFixed(3));
    return { ...window.answer, headers, receivedAt: now, heldByRetryAfter: true };
  }

  /** Opens a window for `key` when `response` refuses with a `Retry-After` (any status but 2xx). */
  record(key: string, response: HttpResponse): void {
    if (response.status >= 200 && response.status < 300) return;
    const ms = parseRetryAfter(response.headers.get('retry-after'), response.receivedAt, response.headers.get('date'));
    if (ms === undefined || ms <= 0) return;
    this.prune();
    this.open.delete(key);
    this.open.set(key, { endsAt: response.receivedAt + ms, answer: response });
    if (this.open.size > MAX_OPEN_WINDOWS) {
      const oldest = this.open.keys().next();
      if (!oldest.done) this.open.delete(oldest.value);
    }
  }

  private prune(): void {
    const now = this.now();
    for (const [key, window] of this.open) if (window.endsAt <= now) this.open.delete(key);
  }
}
