/** Where callbacks may go: allow-listed origins only, no credentials, no private address unless allowed. */
import { addressRefusal, callbackRefusal } from '../../../src/http/callback-policy';
import type { CallbackPolicy } from '../../../src/http/callback-policy';

const POLICY: CallbackPolicy = {
  origins: ['https://hooks.example.com', 'https://10.1.2.3', 'http://127.0.0.1:9999', 'https://[::1]'],
  allowedNetworks: [],
};

describe('callbackRefusal', () => {
  it('accepts a URL of an allowed origin', () => {
    expect(callbackRefusal('https://hooks.example.com/bulkflow?x=1', POLICY)).toBeUndefined();
  });

  it('refuses every callback when no origin is configured', () => {
    expect(callbackRefusal('https://hooks.example.com/', { origins: [], allowedNetworks: [] })).toContain(
      'no callback origins are configured',
    );
  });

  it.each([
    ['another origin', 'https://evil.example.com/'],
    ['another port of an allowed host', 'https://hooks.example.com:8443/'],
    ['another scheme of an allowed host', 'http://hooks.example.com/'],
    ['upper-case loopback by another name', 'HTTP://LOCALHOST:8787/__sim/reset'],
    ['the cloud metadata address', 'https://169.254.169.254/latest/meta-data/'],
  ])('refuses %s', (_case, url) => {
    expect(callbackRefusal(url, POLICY)).toMatch(/is not an allowed callback origin/);
  });

  it('refuses credentials in the URL, without quoting them', () => {
    const refusal = callbackRefusal('https://user:pa55@hooks.example.com/', POLICY);
    expect(refusal).toBe('must not carry credentials');
  });

  it('refuses an allowed origin whose literal address is private, unless its network is allowed', () => {
    expect(callbackRefusal('https://10.1.2.3/hook', POLICY)).toContain('private');
    expect(callbackRefusal('http://127.0.0.1:9999/hook', POLICY)).toContain('private');
    expect(callbackRefusal('https://[::1]/hook', POLICY)).toContain('private');
    const allowed = { ...POLICY, allowedNetworks: ['10.1.0.0/16', '127.0.0.1/32'] };
    expect(callbackRefusal('https://10.1.2.3/hook', allowed)).toBeUndefined();
    expect(callbackRefusal('http://127.0.0.1:9999/hook', allowed)).toBeUndefined();
  });

  it('refuses what is not an http(s) URL', () => {
    expect(callbackRefusal('ftp://hooks.example.com/', POLICY)).toBe('must be an http(s) URL');
    expect(callbackRefusal('not a url', POLICY)).toBe('not a URL');
  });
});

describe('addressRefusal', () => {
  it.each([
    ['10.0.0.1'],
    ['172.16.5.4'],
    ['192.168.1.1'],
    ['127.0.0.1'],
    ['169.254.169.254'],
    ['100.64.0.1'],
    ['0.0.0.0'],
    ['::1'],
    ['::'],
    ['fd00:ec2::254'],
    ['fe80::1'],
    ['::ffff:10.0.0.1'],
    ['::ffff:127.0.0.1'],
  ])('refuses %s', (address) => {
    expect(addressRefusal(address, POLICY)).toBeDefined();
  });

  it.each([['93.184.216.34'], ['2606:2800:220:1:248:1893:25c8:1946'], ['::ffff:93.184.216.34']])(
    'lets the public address %s through',
    (address) => {
      expect(addressRefusal(address, POLICY)).toBeUndefined();
    },
  );
});
