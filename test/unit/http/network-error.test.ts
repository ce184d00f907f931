import { toUnavailableError } from '../../../src/http/network-error';

function fetchFailed(code: string, message: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
}

describe('toUnavailableError', () => {
  it.each([
    ['ECONNRESET', 'read ECONNRESET', 'connection reset'],
    ['UND_ERR_SOCKET', 'other side closed', 'connection reset'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1', 'connection refused'],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND api.example.test', 'DNS lookup failed'],
    ['EHOSTUNREACH', 'connect EHOSTUNREACH', 'host unreachable'],
    ['UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error', 'timeout (UND_ERR_CONNECT_TIMEOUT)'],
    ['UND_ERR_REQ_CONTENT_LENGTH_MISMATCH', 'mismatch', 'network error (UND_ERR_REQ_CONTENT_LENGTH_MISMATCH)'],
  ])('maps a fetch failure caused by %s to "%s"', (code, message, reason) => {
    const error = toUnavailableError('fullstory', fetchFailed(code, message), 1_000);
    expect(error?.message).toBe(`fullstory unavailable: ${reason}`);
  });

  it('finds ECONNREFUSED inside an AggregateError (IPv4 and IPv6 both refused)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:80'), { code: 'ECONNREFUSED' });
    const cause = new AggregateError([refused], 'connect failed');
    expect(toUnavailableError('oracle', new TypeError('fetch failed', { cause }), 1)?.message).toBe(
      'oracle unavailable: connection refused',
    );
  });

  it('maps "socket hang up" without a code to connection reset', () => {
    expect(toUnavailableError('webex', new Error('socket hang up'), 1)?.message).toBe(
      'webex unavailable: connection reset',
    );
  });

  it('maps a TimeoutError to a timeout naming the limit', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(toUnavailableError('webex', timeout, 30_000)?.message).toBe('webex unavailable: timeout after 30000 ms');
  });

  it('keeps the original error as the cause', () => {
    const original = fetchFailed('ECONNRESET', 'read ECONNRESET');
    expect(toUnavailableError('webex', original, 1)?.cause).toBe(original);
  });

  it('leaves a programming error alone', () => {
    expect(toUnavailableError('webex', new RangeError('bug'), 1)).toBeUndefined();
  });

  it("leaves Node's ERR_* argument errors alone", () => {
    const bug = Object.assign(new TypeError('bad argument'), { code: 'ERR_INVALID_ARG_TYPE' });
    expect(toUnavailableError('webex', bug, 1)).toBeUndefined();
  });
});
