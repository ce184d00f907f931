import { loadConfig } from '../../../src/config';
import { simulatedConnectionsAuth, simulatedConnectionsEnv } from '../../../src/dev/simulated-connections';
import { PROVIDER_NAMES } from '../../../src/domain/job';
import { connectionAuthOf } from '../../../src/providers/registry';

const CREDENTIALS = { token: 'tok', apiKey: 'key', username: 'user', password: 'pw' };
const URL = 'http://127.0.0.1:8787';

describe('simulated connections', () => {
  it('give every provider a default connection with the credentials its auth declares, serving every tenant', () => {
    const env = simulatedConnectionsEnv(URL, CREDENTIALS);
    expect(env).toMatchObject({
      BULKFLOW_WEBEX_BASE_URL: URL,
      BULKFLOW_WEBEX_TOKEN: 'tok',
      BULKFLOW_ORACLE_BASE_URL: URL,
      BULKFLOW_ORACLE_USERNAME: 'user',
      BULKFLOW_ORACLE_PASSWORD: 'pw',
      BULKFLOW_FULLSTORY_BASE_URL: URL,
      BULKFLOW_FULLSTORY_API_KEY: 'key',
      BULKFLOW_ZOHO_BASE_URL: URL,
      BULKFLOW_ZOHO_TOKEN: 'tok',
      BULKFLOW_WEBEX_TENANTS: '*',
      BULKFLOW_ORACLE_TENANTS: '*',
      BULKFLOW_FULLSTORY_TENANTS: '*',
      BULKFLOW_ZOHO_TENANTS: '*',
    });
    expect(Object.keys(env).filter((name) => /^BULKFLOW_(WEBEX|ORACLE|FULLSTORY|ZOHO)_/.test(name))).toHaveLength(13);
  });

  it('make the simulator accept the token, the API key and the Basic credentials, once each', () => {
    const { bearerTokens } = simulatedConnectionsAuth(CREDENTIALS);
    expect(bearerTokens).toEqual(expect.arrayContaining(['tok', 'key', Buffer.from('user:pw').toString('base64')]));
    expect(new Set(bearerTokens).size).toBe(bearerTokens.length);
  });

  it.each(PROVIDER_NAMES)('let a %s connection loaded from that env authenticate at the simulator', (provider) => {
    const connection = loadConfig(simulatedConnectionsEnv(URL, CREDENTIALS)).connections[provider]['default'];
    expect(connection?.baseUrl).toBe(URL);
    const header = connectionAuthOf(provider).authorization(provider, connection ?? {});
    expect(simulatedConnectionsAuth(CREDENTIALS).bearerTokens).toContain(header.split(' ')[1]);
  });
});
