import {
  CachedTokenSource,
  EXPIRY_MARGIN_MS,
  rereadTokenSource,
  staticTokenSource,
  type ObtainedToken,
} from '../../../../src/providers/credentials/token-source';

/** A source whose obtain hands out `tokens` in turn and counts the calls; each call waits for `gate` when set. */
function counting(tokens: ObtainedToken[], now: () => number = Date.now) {
  const calls = { count: 0 };
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const source = new CachedTokenSource(async () => {
    calls.count += 1;
    if (gate) await gate;
    const next = tokens.shift();
    if (!next) throw new Error('no more tokens');
    return next;
  }, now);
  return {
    source,
    calls,
    hold: () => {
      gate = new Promise((resolve) => (release = resolve));
    },
    release: () => release?.(),
  };
}

describe('CachedTokenSource', () => {
  it('obtains once and serves the kept token to later requests', async () => {
    const { source, calls } = counting([{ value: 'a' }]);
    expect(await source.current()).toBe('a');
    expect(await source.current()).toBe('a');
    expect(calls.count).toBe(1);
  });

  it('renews a token the provider had accepted and then refused', async () => {
    const { source, calls } = counting([{ value: 'a' }, { value: 'b' }]);
    source.accepted(await source.current());
    expect(await source.renewAfter('a')).toBe('b');
    expect(await source.current()).toBe('b');
    expect(calls.count).toBe(2);
  });

  it('lets a 401 to a token never accepted since it was obtained stand, and obtains anew for the next request', async () => {
    const { source, calls } = counting([{ value: 'a' }, { value: 'b' }]);
    await source.current();
    expect(await source.renewAfter('a')).toBeUndefined();
    expect(calls.count).toBe(1);
    expect(await source.current()).toBe('b');
  });

  it('renews once for many requests refused the same token at once', async () => {
    const { source, calls, hold, release } = counting([{ value: 'a' }, { value: 'b' }]);
    source.accepted(await source.current());
    hold();
    const renewals = [source.renewAfter('a'), source.renewAfter('a'), source.renewAfter('a')];
    release();
    expect(await Promise.all(renewals)).toEqual(['b', 'b', 'b']);
    expect(calls.count).toBe(2);
  });

  it('answers the already renewed token to a request refused the previous one', async () => {
    const { source, calls } = counting([{ value: 'a' }, { value: 'b' }]);
    source.accepted(await source.current());
    await source.renewAfter('a');
    expect(await source.renewAfter('a')).toBe('b');
    expect(calls.count).toBe(2);
  });

  it('answers no renewal when obtaining again gives the refused token', async () => {
    const { source } = counting([{ value: 'a' }, { value: 'a' }]);
    source.accepted(await source.current());
    expect(await source.renewAfter('a')).toBeUndefined();
  });

  it('obtains a new token before the announced expiry, by the margin', async () => {
    let now = 1_000_000;
    const expiresAtMs = now + 10 * EXPIRY_MARGIN_MS;
    const { source, calls } = counting([{ value: 'a', expiresAtMs }, { value: 'b' }], () => now);
    expect(await source.current()).toBe('a');
    now = expiresAtMs - EXPIRY_MARGIN_MS - 1;
    expect(await source.current()).toBe('a');
    now = expiresAtMs - EXPIRY_MARGIN_MS;
    expect(await source.current()).toBe('b');
    expect(calls.count).toBe(2);
  });

  it('keeps nothing when obtaining fails, so the next request tries again', async () => {
    const { source } = counting([]);
    await expect(source.current()).rejects.toThrow('no more tokens');
    await expect(source.current()).rejects.toThrow('no more tokens');
  });
});

describe('staticTokenSource', () => {
  it('never renews an inline token', async () => {
    const source = staticTokenSource('inline');
    source.accepted('inline');
    expect(await source.renewAfter('inline')).toBeUndefined();
  });
});

describe('rereadTokenSource', () => {
  it('reads at every request and renews with what it reads after a 401 when that differs', async () => {
    const values = ['a', 'a', 'b'];
    const source = rereadTokenSource(() => Promise.resolve(values.shift() ?? 'none'));
    expect(await source.current()).toBe('a');
    expect(await source.renewAfter('a')).toBeUndefined();
    expect(await source.renewAfter('a')).toBe('b');
  });
});
