/** The request digest kept in the memo: stable under key order, sensitive to any value. */
import { canonicalJson, requestDigest } from '../../../src/client/request-digest';

describe('requestDigest', () => {
  it('is the same for the same request with keys in another order', () => {
    const a = {
      request: { operation: 'webex.moveUsers', input: { users: [{ userId: 'u', locationId: 'l' }] } },
      by: 'x',
    };
    const b = {
      by: 'x',
      request: { input: { users: [{ locationId: 'l', userId: 'u' }] }, operation: 'webex.moveUsers' },
    };
    expect(requestDigest(a)).toBe(requestDigest(b));
    expect(requestDigest(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when a value, an array order or the requester differs', () => {
    const base = { users: ['a', 'b'], by: 'x' };
    const digests = [
      base,
      { users: ['b', 'a'], by: 'x' },
      { users: ['a', 'b'], by: 'y' },
      { users: ['a', 'b', 'c'], by: 'x' },
    ].map(requestDigest);
    expect(new Set(digests).size).toBe(4);
  });

  it('leaves undefined fields out, as JSON does', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined] })).toBe('{"b":1,"c":[null]}');
  });
});
