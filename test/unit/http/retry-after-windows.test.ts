import { MAX_OPEN_WINDOWS, RetryAfterWindows } from '../../../src/http/retry-after-windows';
import type { HttpResponse } from '../../../src/http/types';

function answer(status: number, headers: Record<string, string>, receivedAt: number): HttpResponse {
  return { status, headers: new Headers(headers), url: 'http://provider/x', text: '{"code":"LOCKED"}', receivedAt };
}

describe('RetryAfterWindows', () => {
  it('holds a key until the window of its delta-seconds ends, then forgets it', () => {
    let now = 1_000;
    const windows = new RetryAfterWindows(() => now);
    windows.record('k', answer(423, { 'retry-after': '2' }, 1_000));
    now = 2_999;
    expect(windows.heldAnswer('k')?.headers.get('retry-after')).toBe('0.001');
    now = 3_000;
    expect(windows.heldAnswer('k')).toBeUndefined();
    expect(windows.size).toBe(0);
  });

  it("measures an HTTP-date against the answer's Date header and drops that header from the held answer", () => {
    const date = Date.UTC(2026, 11, 7, 5, 0, 0);
    let now = date + 400;
    const windows = new RetryAfterWindows(() => now);
    const headers = { 'retry-after': new Date(date + 3_000).toUTCString(), date: new Date(date).toUTCString() };
    windows.record('k', answer(429, headers, now));
    now += 1_000;
    const held = windows.heldAnswer('k');
    expect(held?.headers.get('retry-after')).toBe('2.000');
    expect(held?.headers.get('date')).toBeNull();
    expect(held).toMatchObject({ status: 429, text: '{"code":"LOCKED"}', heldByRetryAfter: true, receivedAt: now });
  });

  it('ignores successes, zero and unreadable values', () => {
    const windows = new RetryAfterWindows(() => 0);
    windows.record('a', answer(202, { 'retry-after': '5' }, 0));
    windows.record('b', answer(429, { 'retry-after': '0' }, 0));
    windows.record('c', answer(429, { 'retry-after': 'soon' }, 0));
    expect(windows.size).toBe(0);
  });

  it(`keeps at most ${MAX_OPEN_WINDOWS} windows, the newest`, () => {
    const windows = new RetryAfterWindows(() => 0);
    for (let i = 0; i <= MAX_OPEN_WINDOWS; i += 1) windows.record(`k${i}`, answer(429, { 'retry-after': '60' }, 0));
    expect(windows.size).toBe(MAX_OPEN_WINDOWS);
    expect(windows.heldAnswer('k0')).toBeUndefined();
    expect(windows.heldAnswer(`k${MAX_OPEN_WINDOWS}`)).toBeDefined();
  });
});
