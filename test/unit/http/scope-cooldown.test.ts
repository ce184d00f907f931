import {
  FORGET_PACE_AFTER_MS,
  FORGET_SLOT_AFTER_MS,
  MAX_FIRST_PACE_MS,
  MAX_PACE_MS,
  MIN_PACE_MS,
  PACE_RECOVERY,
  ScopeCooldowns,
  SLOT_JITTER_RATIO,
  paceCeiling,
} from '../../../src/http/scope-cooldown';
import type { Admission } from '../../../src/http/scope-cooldown';
import type { HttpResponse } from '../../../src/http/types';

function answer(status: number, receivedAt: number, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: new Headers(headers), url: 'http://provider/a', text: '{"code":"too_many"}', receivedAt };
}

const refusal = (receivedAt: number, seconds = '2') => answer(429, receivedAt, { 'retry-after': seconds });

function untilOf(admission: Admission): number {
  if (admission.kind !== 'held') throw new Error('expected the request to be held');
  return admission.untilMs;
}

describe('ScopeCooldowns', () => {
  let now = 0;
  let random = 0;
  const make = () =>
    new ScopeCooldowns(
      () => now,
      () => random,
    );

  beforeEach(() => {
    now = 1_000;
    random = 0;
  });

  it('sends everything while no scope was ever refused', () => {
    const cooldowns = make();
    cooldowns.record('fs/a', answer(200, now));
    expect(cooldowns.admit('fs/a', 'GET /x', 'http://p/x')).toEqual({ kind: 'send' });
  });

  it('holds every request of the refused scope, whatever its URL, until after the window', () => {
    const cooldowns = make();
    for (let i = 0; i < 4; i += 1) cooldowns.record('fs/a', answer(200, now));
    cooldowns.record('fs/a', refusal(now));
    now += 500;
    const admission = cooldowns.admit('fs/a', 'GET /other', 'http://p/other');
    expect(admission).toMatchObject({
      kind: 'held',
      untilMs: 3_000,
      answer: { status: 429, url: 'http://p/other', heldByRetryAfter: true, receivedAt: 1_500 },
    });
    expect(admission.kind === 'held' && admission.answer.headers.get('retry-after')).toBe('1.500');
    expect(cooldowns.admit('fs/b', 'GET /other', 'http://p/other')).toEqual({ kind: 'send' });
  });

  it('spreads held requests after the window in the order they were held, one pace apart', () => {
    const cooldowns = make();
    for (let i = 0; i < 10; i += 1) cooldowns.record('fs/a', answer(200, now));
    cooldowns.record('fs/a', refusal(now));
    // The provider let 10 through, then closed for 2 s: one request per 200 ms after the window.
    const slots = ['a', 'b', 'c'].map((key) => untilOf(cooldowns.admit('fs/a', key, 'http://p')));
    expect(slots).toEqual([3_000, 3_200, 3_400]);
  });

  it('jitters a slot after its place, never before it, by at most a quarter of the pace', () => {
    random = 0.999;
    const cooldowns = make();
    for (let i = 0; i < 4; i += 1) cooldowns.record('fs/a', answer(200, now));
    cooldowns.record('fs/a', refusal(now));
    const first = untilOf(cooldowns.admit('fs/a', 'a', 'http://p'));
    expect(first).toBeGreaterThan(3_000);
    expect(first).toBeLessThanOrEqual(3_000 + 500 * SLOT_JITTER_RATIO);
  });

  it('sends a held request at its slot, and holds it again until the same slot when asked early', () => {
    const cooldowns = make();
    cooldowns.record('fs/a', refusal(now));
    const slot = untilOf(cooldowns.admit('fs/a', 'a', 'http://p'));
    now = slot - 1;
    expect(untilOf(cooldowns.admit('fs/a', 'a', 'http://p'))).toBe(slot);
    now = slot;
    expect(cooldowns.admit('fs/a', 'a', 'http://p')).toEqual({ kind: 'send' });
    expect(cooldowns.held).toBe(0);
  });

  it('keeps the pace after the window: a request with no slot waits its turn behind the held ones', () => {
    const cooldowns = make();
    cooldowns.record('fs/a', answer(200, now));
    cooldowns.record('fs/a', refusal(now));
    const first = untilOf(cooldowns.admit('fs/a', 'a', 'http://p'));
    now = first;
    expect(cooldowns.admit('fs/a', 'a', 'http://p')).toEqual({ kind: 'send' });
    // One answer before a 2 s window says little: the first pace is at most MAX_FIRST_PACE_MS, not the 2 s it suggests.
    expect(untilOf(cooldowns.admit('fs/a', 'late', 'http://p'))).toBe(first + MAX_FIRST_PACE_MS);
  });

  it('moves every held request after a new window, keeping their order', () => {
    const cooldowns = make();
    for (let i = 0; i < 4; i += 1) cooldowns.record('fs/a', answer(200, now));
    cooldowns.record('fs/a', refusal(now));
    untilOf(cooldowns.admit('fs/a', 'a', 'http://p'));
    untilOf(cooldowns.admit('fs/a', 'b', 'http://p'));
    now = 3_000;
    expect(cooldowns.admit('fs/a', 'a', 'http://p')).toEqual({ kind: 'send' });
    cooldowns.record('fs/a', answer(200, now));
    cooldowns.record('fs/a', refusal(now + 10, '3'));
    // Refused again while paced at 250 ms: 1.5 times slower.
    expect(untilOf(cooldowns.admit('fs/a', 'b', 'http://p'))).toBe(6_010);
    expect(untilOf(cooldowns.admit('fs/a', 'c', 'http://p'))).toBe(6_385);
  });

  it("speeds the pace up by a tenth for each window's length after the window with no new refusal", () => {
    const cooldowns = make();
    for (let i = 0; i < 4; i += 1) cooldowns.record('fs/a', answer(200, now));
    cooldowns.record('fs/a', refusal(now));
    // Paced at 250 ms after a 2 s window ending at 3 s; two window lengths later, 250 × 0.9 × 0.9.
    expect(cooldowns.paceOf('fs/a')).toBe(MAX_FIRST_PACE_MS);
    now = 3_000 + 2 * 2_000;
    expect(cooldowns.paceOf('fs/a')).toBe(Math.round(MAX_FIRST_PACE_MS * PACE_RECOVERY ** 2));
    now = 3_000 + 100 * 2_000;
    expect(cooldowns.paceOf('fs/a')).toBe(MIN_PACE_MS);
  });

  it('never slows the pace beyond a quarter of the window, at most a second, however many refusals come', () => {
    const cooldowns = make();
    cooldowns.record('fs/a', refusal(now));
    for (let i = 0; i < 20; i += 1) {
      now = 3_000 + i * 2_000;
      cooldowns.record('fs/a', refusal(now));
    }
    expect(cooldowns.paceOf('fs/a')).toBe(paceCeiling(2_000));
    expect(paceCeiling(2_000)).toBe(500);
    // A window of ten minutes is a quota: the pace stays at most a second.
    for (let i = 0; i < 20; i += 1) {
      now += 600_000 + 1_000;
      cooldowns.record('fs/a', refusal(now, '600'));
    }
    expect(cooldowns.paceOf('fs/a')).toBe(MAX_PACE_MS);
    // Behind 5 held requests, the sixth is at most 6 ceilings (and its jitter) after the window's end.
    random = 0.999;
    const slots = ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => untilOf(cooldowns.admit('fs/a', key, 'http://p')));
    expect(slots[5]! - (now + 600_000)).toBeLessThanOrEqual(5 * MAX_PACE_MS + MAX_PACE_MS * SLOT_JITTER_RATIO);
  });

  it('forgets the pace a minute after its last window ended, however busy the scope stayed', () => {
    const cooldowns = make();
    cooldowns.record('fs/a', refusal(now));
    // A request every 100 ms, each sent when admitted (a held one at its slot), for a minute after the window.
    const waiting = new Map<string, number>();
    for (now = 3_000; now <= 3_000 + FORGET_PACE_AFTER_MS; now += 10) {
      if (now % 100 === 0) waiting.set(`k${now}`, now);
      for (const [key, at] of waiting) {
        if (at > now) continue;
        const admission = cooldowns.admit('fs/a', key, 'http://p');
        if (admission.kind === 'held') waiting.set(key, admission.untilMs);
        else waiting.delete(key);
        if (admission.kind === 'send') cooldowns.record('fs/a', answer(200, now));
      }
    }
    now += 1_000;
    cooldowns.record('fs/a', answer(200, now));
    expect(cooldowns.paceOf('fs/a')).toBe(0);
    expect(['x', 'y', 'z'].map((key) => cooldowns.admit('fs/a', key, 'http://p').kind)).toEqual([
      'send',
      'send',
      'send',
    ]);
  });

  it('paces requests that need no slot too, once every slot has come, so a drained queue does not burst', () => {
    const cooldowns = make();
    cooldowns.record('fs/a', refusal(now));
    const slot = untilOf(cooldowns.admit('fs/a', 'a', 'http://p'));
    now = slot + MAX_FIRST_PACE_MS;
    expect(cooldowns.admit('fs/a', 'b', 'http://p')).toEqual({ kind: 'send' });
    expect(untilOf(cooldowns.admit('fs/a', 'c', 'http://p'))).toBe(now + MAX_FIRST_PACE_MS);
  });

  it('learns the pace only from the answers of one window length before the refusal', () => {
    const cooldowns = make();
    for (let i = 0; i < 50; i += 1) cooldowns.record('fs/a', answer(200, 0));
    now = 10_000;
    for (let i = 0; i < 10; i += 1) cooldowns.record('fs/a', answer(200, now - 100));
    cooldowns.record('fs/a', refusal(now));
    const slots = ['a', 'b'].map((key) => untilOf(cooldowns.admit('fs/a', key, 'http://p')));
    expect(slots).toEqual([12_000, 12_200]);
  });

  it('keeps the pace when a refusal of a request already in flight extends the open window', () => {
    const cooldowns = make();
    for (let i = 0; i < 4; i += 1) cooldowns.record('fs/a', answer(200, now));
    cooldowns.record('fs/a', refusal(now));
    cooldowns.record('fs/a', refusal(now + 5));
    const slots = ['a', 'b'].map((key) => untilOf(cooldowns.admit('fs/a', key, 'http://p')));
    expect(slots).toEqual([3_005, 3_255]);
  });

  it(`paces at least ${MIN_PACE_MS} ms apart however many requests passed`, () => {
    const cooldowns = make();
    for (let i = 0; i < 10_000; i += 1) cooldowns.record('fs/a', answer(200, now));
    cooldowns.record('fs/a', refusal(now, '1'));
    const slots = ['a', 'b'].map((key) => untilOf(cooldowns.admit('fs/a', key, 'http://p')));
    expect(slots[1]! - slots[0]!).toBe(MIN_PACE_MS);
  });

  it('is closed by a 423 too, but not by a 503, a held answer, or a refusal without a usable Retry-After', () => {
    const cooldowns = make();
    cooldowns.record('a', answer(503, now, { 'retry-after': '5' }));
    cooldowns.record('b', { ...refusal(now), heldByRetryAfter: true });
    cooldowns.record('c', answer(429, now, { 'retry-after': 'soon' }));
    cooldowns.record('d', answer(429, now));
    for (const scope of ['a', 'b', 'c', 'd']) expect(cooldowns.admit(scope, 'k', 'http://p')).toEqual({ kind: 'send' });
    cooldowns.record('e', answer(423, now, { 'retry-after': '1' }));
    expect(cooldowns.admit('e', 'k', 'http://p').kind).toBe('held');
  });

  it("measures an HTTP-date against the answer's Date header", () => {
    const date = Date.UTC(2026, 11, 7, 5, 0, 0);
    now = date + 400;
    const cooldowns = make();
    const headers = { 'retry-after': new Date(date + 3_000).toUTCString(), date: new Date(date).toUTCString() };
    cooldowns.record('fs/a', answer(429, now, headers));
    expect(untilOf(cooldowns.admit('fs/a', 'k', 'http://p'))).toBe(now + 3_000);
  });

  it('drops the slot of a request that never came back', () => {
    const cooldowns = make();
    cooldowns.record('fs/a', refusal(now));
    const slot = untilOf(cooldowns.admit('fs/a', 'gone', 'http://p'));
    now = slot + FORGET_SLOT_AFTER_MS + 1;
    cooldowns.record('fs/a', answer(200, now));
    expect(cooldowns.held).toBe(0);
  });
});
