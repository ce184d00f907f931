/** The embedded stack's well-known API key: only on the simulators, only when nothing else is configured, only on loopback. */
import { isLoopbackHost, withDevKey } from '../../../src/dev';
import { loadConfig } from '../../../src/config';

describe('withDevKey', () => {
  it('adds the dev key on the simulators when the API listens on loopback and no key is configured', () => {
    const { config, refused } = withDevKey(loadConfig({}), true);
    expect(refused).toBeUndefined();
    expect(config.api.keys).toEqual([expect.objectContaining({ caller: 'dev', tenants: '*' })]);
  });

  it('refuses it, saying why, when the API listens on a non-loopback address', () => {
    const { config, refused } = withDevKey(loadConfig({ BULKFLOW_API_HOST: '0.0.0.0' }), true);
    expect(config.api.keys).toEqual([]);
    expect(refused).toContain('0.0.0.0');
  });

  it('never adds it with real providers, or beside a configured key', () => {
    expect(withDevKey(loadConfig({}), false).config.api.keys).toEqual([]);
    const configured = loadConfig({ BULKFLOW_API_KEY: 'a-configured-key-0123456789' });
    expect(withDevKey(configured, true).config.api.keys).toHaveLength(1);
    expect(withDevKey(configured, true).config.api.keys[0]?.caller).not.toBe('dev');
  });

  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['0.0.0.0', false],
    ['10.0.0.5', false],
    ['::', false],
    ['bulkflow.internal', false],
  ])('knows %s as loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
