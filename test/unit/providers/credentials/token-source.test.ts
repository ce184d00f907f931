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
    expect(await source.renewAfter('a')).toEqual({ kind: 'renewed', value: 'b' });
    expect(await source.current()).toBe('b');
    expect(calls.count).toBe(2);
  });

  it('lets a 401 to a token never accepted since it was obtained stand, and obtains anew for the next request', async () => {
    const { source, calls } = counting([{ value: 'a' }, { value: 'b' }]);
    await source.current();
    expect(await source.renewAfter('a')).toEqual({ kind: 'stands' });
    expect(calls.count).toBe(1);
    expect(await source.current()).toBe('b');
  });

  it('renews once for many requests refused the same token at once', async () => {
    const { source, calls, hold, release } = counting([{ value: 'a' }, { value: 'b' }]);
    source.accepted(await source.current());
    hold();
    const renewals = [source.renewAfter('a'), source.renewAfter('a'), source.renewAfter('a')];
    release();
    expect((await Promise.all(renewals)).map((r) => (r.kind === 'renewed' ? r.value : r.kind))).toEqual([
      'b',
      'b',
      'b',
    ]);
    expect(calls.count).toBe(2);
  });

  it('answers the already renewed token to a request refused the previous one', async () => {
    const { source, calls } = counting([{ value: 'a' }, { value: 'b' }]);
    source.accepted(await source.current());
    await source.renewAfter('a');
    expect(await source.renewAfter('a')).toEqual({ kind: 'renewed', value: 'b' });
    expect(calls.count).toBe(2);
  });

  it('answers notYet when obtaining again gives back the token that had worked (its rotation is late)', async () => {
    const { source } = counting([{ value: 'a' }, { value: 'a' }]);
    source.accepted(await source.current());
    expect(await source.renewAfter('a')).toEqual({ kind: 'notYet' });
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
    expect(await source.renewAfter('inline')).toEqual({ kind: 'stands' });
  });
});

describe('rereadTokenSource', () => {
  function reading(values: string[]) {
    return rereadTokenSource(() => Promise.resolve(values.shift() ?? 'none'));
  }

  it('reads at every request and renews with what it reads after a 401 when that differs', async () => {
    const source = reading(['a', 'b']);
    expect(await source.current()).toBe('a');
    expect(await source.renewAfter('a')).toEqual({ kind: 'renewed', value: 'b' });
  });

  it('lets a 401 stand when the file still holds a token that never worked', async () => {
    const source = reading(['a', 'a']);
    await source.current();
    expect(await source.renewAfter('a')).toEqual({ kind: 'stands' });
  });

  it('answers notYet when the file still holds a token that had worked (the rotator is late)', async () => {
    const source = reading(['a', 'a']);
    source.accepted(await source.current());
    expect(await source.renewAfter('a')).toEqual({ kind: 'notYet' });
  });
});
