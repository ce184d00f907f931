import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { connectionEnvVar, resolveConnection } from '../../src/connections-config';
import { hasErrorName } from '../../src/domain/errors';
import type { ConfigError, InvalidRequestError } from '../../src/domain/errors';
import { PROVIDER_NAMES } from '../../src/domain/job';

const WEBEX = { BULKFLOW_WEBEX_BASE_URL: 'https://webexapis.com', BULKFLOW_WEBEX_TOKEN: 'env-token' };

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulkflow-config-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function thrown<T extends Error>(name: string, fn: () => unknown): T {
  try {
    fn();
  } catch (err) {
    if (hasErrorName(err, name)) return err as T;
    throw err;
  }
  throw new Error(`expected a ${name}`);
}

const configError = (fn: () => unknown): ConfigError => thrown<ConfigError>('ConfigError', fn);

describe('loadConfig: environment', () => {
  it('applies the defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      temporal: { address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'bulkflow', allowPlaintext: false },
      logLevel: 'info',
      maxRetryDelayMs: 600_000,
      tenantBusyWaitMs: 1_800_000,
      stickyQueueTimeoutMs: 10_000,
      workerCachedWorkflows: 100,
      // One section per provider of the operation ids (webex, oracle, fullstory, zoho), none configured.
      connections: Object.fromEntries(PROVIDER_NAMES.map((provider) => [provider, {}])),
      api: { port: 8080, host: '127.0.0.1', keys: [] },
      callbacks: { origins: [], allowedNetworks: [] },
      codecServer: { host: '127.0.0.1', port: 8081, uiOrigins: [] },
    });
  });

  it('serves metrics only when BULKFLOW_METRICS_PORT is set, 0 meaning any free port', () => {
    expect(loadConfig({}).metrics).toBeUndefined();
    expect(loadConfig({ BULKFLOW_METRICS_PORT: '' }).metrics).toBeUndefined();
    expect(loadConfig({ BULKFLOW_METRICS_PORT: '0' }).metrics).toEqual({ host: '127.0.0.1', port: 0 });
    expect(loadConfig({ BULKFLOW_METRICS_PORT: '9464', BULKFLOW_METRICS_HOST: '0.0.0.0' }).metrics).toEqual({
      host: '0.0.0.0',
      port: 9464,
    });
    expect(configError(() => loadConfig({ BULKFLOW_METRICS_PORT: '70000' })).source).toBe('BULKFLOW_METRICS_PORT');
  });

  it('reads the callback origins and allowed networks, naming a malformed entry', () => {
    const config = loadConfig({
      BULKFLOW_CALLBACK_ORIGINS: 'https://hooks.example.com, https://b.example.com:8443',
      BULKFLOW_CALLBACK_ALLOWED_NETWORKS: '10.20.0.0/16',
    });
    expect(config.callbacks).toEqual({
      origins: ['https://hooks.example.com', 'https://b.example.com:8443'],
      allowedNetworks: ['10.20.0.0/16'],
    });
    expect(configError(() => loadConfig({ BULKFLOW_CALLBACK_ORIGINS: 'https://x.example.com/path' })).source).toBe(
      'BULKFLOW_CALLBACK_ORIGINS[0]',
    );
    expect(configError(() => loadConfig({ BULKFLOW_CALLBACK_ALLOWED_NETWORKS: '10.0.0.0' })).source).toBe(
      'BULKFLOW_CALLBACK_ALLOWED_NETWORKS[0]',
    );
  });

  it('reads the Temporal address, namespace and task queue', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'prod',
      BULKFLOW_TASK_QUEUE: 'q',
    });
    expect(config.temporal).toEqual({
      address: 'temporal:7233',
      namespace: 'prod',
      taskQueue: 'q',
      allowPlaintext: false,
    });
  });

  it('coerces numeric settings from strings', () => {
    const config = loadConfig({ BULKFLOW_MAX_RETRY_DELAY_MS: '60000', BULKFLOW_STICKY_QUEUE_TIMEOUT_MS: '5000' });
    expect([config.maxRetryDelayMs, config.stickyQueueTimeoutMs]).toEqual([60_000, 5_000]);
  });

  it('turns BULKFLOW_WEBEX_BASE_URL and _TOKEN into the webex connection named default', () => {
    expect(loadConfig(WEBEX).connections.webex).toEqual({
      default: { baseUrl: 'https://webexapis.com', token: 'env-token' },
    });
  });

  it('ignores empty connection variables', () => {
    const config = loadConfig({ BULKFLOW_WEBEX_BASE_URL: 'https://webexapis.com', BULKFLOW_WEBEX_TOKEN: '' });
    expect(config.connections.webex['default']).toEqual({ baseUrl: 'https://webexapis.com' });
  });

  it('reads the other providers by their own prefix', () => {
    const config = loadConfig({
      BULKFLOW_FULLSTORY_BASE_URL: 'https://api.fullstory.com',
      BULKFLOW_FULLSTORY_API_KEY: 'k',
    });
    expect(config.connections.fullstory['default']).toEqual({ baseUrl: 'https://api.fullstory.com', apiKey: 'k' });
  });

  it('reads every connection field by its documented variable', () => {
    const config = loadConfig({
      BULKFLOW_ORACLE_BASE_URL: 'https://primavera.example.com',
      BULKFLOW_ORACLE_USERNAME: 'admin',
      BULKFLOW_ORACLE_PASSWORD: 'pw',
      BULKFLOW_ORACLE_TOKEN: 't',
      BULKFLOW_ORACLE_TOKEN_FILE: '/run/secrets/oracle',
      BULKFLOW_ORACLE_API_KEY: 'k',
    });
    expect(config.connections.oracle['default']).toEqual({
      baseUrl: 'https://primavera.example.com',
      username: 'admin',
      password: 'pw',
      token: 't',
      tokenFile: '/run/secrets/oracle',
      apiKey: 'k',
    });
  });

  it.each([
    ['zoho', 'baseUrl', 'BULKFLOW_ZOHO_BASE_URL'],
    ['webex', 'tokenFile', 'BULKFLOW_WEBEX_TOKEN_FILE'],
    ['fullstory', 'apiKey', 'BULKFLOW_FULLSTORY_API_KEY'],
    ['oracle', 'username', 'BULKFLOW_ORACLE_USERNAME'],
  ] as const)('names the %s connection field %s %s', (provider, field, name) => {
    expect(connectionEnvVar(provider, field)).toBe(name);
  });

  it('rejects an invalid base URL with a ConfigError naming BULKFLOW_WEBEX_BASE_URL', () => {
    expect(configError(() => loadConfig({ ...WEBEX, BULKFLOW_WEBEX_BASE_URL: 'not a url' })).source).toBe(
      'BULKFLOW_WEBEX_BASE_URL',
    );
  });

  it('rejects a token without a base URL naming BULKFLOW_WEBEX_BASE_URL', () => {
    expect(configError(() => loadConfig({ BULKFLOW_WEBEX_TOKEN: 't' })).source).toBe('BULKFLOW_WEBEX_BASE_URL');
  });

  it('reads the tenants the default connection serves from BULKFLOW_WEBEX_TENANTS: a list, or *', () => {
    const listed = loadConfig({ ...WEBEX, BULKFLOW_WEBEX_TENANTS: 'org-a, org-b' }).connections.webex['default'];
    const any = loadConfig({ ...WEBEX, BULKFLOW_WEBEX_TENANTS: '*' }).connections.webex['default'];
    expect([listed?.tenants, any?.tenants]).toEqual([['org-a', 'org-b'], '*']);
  });

  it('rejects an empty tenant list naming BULKFLOW_WEBEX_TENANTS', () => {
    expect(configError(() => loadConfig({ ...WEBEX, BULKFLOW_WEBEX_TENANTS: ' , ' })).source).toBe(
      'BULKFLOW_WEBEX_TENANTS',
    );
  });

  it("sets each worker's workflow cache from BULKFLOW_WORKER_CACHED_WORKFLOWS, 100 when unset or empty", () => {
    expect(loadConfig({ BULKFLOW_WORKER_CACHED_WORKFLOWS: '200' }).workerCachedWorkflows).toBe(200);
    expect(loadConfig({ BULKFLOW_WORKER_CACHED_WORKFLOWS: '' }).workerCachedWorkflows).toBe(100);
    for (const bad of ['0', '-5', '2.5', 'many', '100001']) {
      expect(configError(() => loadConfig({ BULKFLOW_WORKER_CACHED_WORKFLOWS: bad })).source).toBe(
        'BULKFLOW_WORKER_CACHED_WORKFLOWS',
      );
    }
  });

  it('rejects an out-of-range BULKFLOW_MAX_RETRY_DELAY_MS naming it', () => {
    expect(configError(() => loadConfig({ BULKFLOW_MAX_RETRY_DELAY_MS: '10' })).source).toBe(
      'BULKFLOW_MAX_RETRY_DELAY_MS',
    );
  });

  it('reads how long a start waits for a busy org, 30 minutes by default, and refuses a bound past 12 hours naming it', () => {
    expect(loadConfig({ BULKFLOW_TENANT_BUSY_WAIT_MS: '90000' }).tenantBusyWaitMs).toBe(90_000);
    expect(loadConfig({ BULKFLOW_TENANT_BUSY_WAIT_MS: '0' }).tenantBusyWaitMs).toBe(0);
    const error = configError(() => loadConfig({ BULKFLOW_TENANT_BUSY_WAIT_MS: '86400000' }));
    expect(error.source).toBe('BULKFLOW_TENANT_BUSY_WAIT_MS');
  });

  it('rejects an unknown log level naming BULKFLOW_LOG_LEVEL', () => {
    expect(configError(() => loadConfig({ BULKFLOW_LOG_LEVEL: 'verbose' })).source).toBe('BULKFLOW_LOG_LEVEL');
  });
});

describe('loadConfig: BULKFLOW_CONFIG file', () => {
  it('reads named connections from a JSON file', () => {
    const file = writeConfig(
      'connections.json',
      JSON.stringify({ connections: { webex: { eu: { baseUrl: 'https://eu.example.com', token: 'eu-token' } } } }),
    );
    expect(loadConfig({ BULKFLOW_CONFIG: file }).connections.webex).toEqual({
      eu: { baseUrl: 'https://eu.example.com', token: 'eu-token' },
    });
  });

  it('reads named connections from a YAML file', () => {
    const file = writeConfig(
      'connections.yaml',
      [
        'connections:',
        '  zoho:',
        '    crm:',
        '      baseUrl: https://www.zohoapis.com',
        '      tokenFile: /run/secrets/zoho',
        '      timeoutMs: 5000',
      ].join('\n'),
    );
    expect(loadConfig({ BULKFLOW_CONFIG: file }).connections.zoho).toEqual({
      crm: { baseUrl: 'https://www.zohoapis.com', tokenFile: '/run/secrets/zoho', timeoutMs: 5_000 },
    });
  });

  it('rejects an invalid value with a ConfigError naming the file and the path inside it', () => {
    const file = writeConfig('bad-url.json', JSON.stringify({ connections: { webex: { eu: { baseUrl: 'nope' } } } }));
    expect(configError(() => loadConfig({ BULKFLOW_CONFIG: file })).source).toBe(
      `${file}: connections.webex.eu.baseUrl`,
    );
  });

  it("rejects a connection's tenants that are not a list or * naming connections.<provider>.<name>.tenants", () => {
    const file = writeConfig(
      'bad-tenants.json',
      JSON.stringify({ connections: { webex: { eu: { baseUrl: 'https://eu.example.com', tenants: 'org-a' } } } }),
    );
    expect(configError(() => loadConfig({ BULKFLOW_CONFIG: file })).source).toBe(
      `${file}: connections.webex.eu.tenants`,
    );
  });

  it('rejects a YAML value of the wrong type naming its path', () => {
    const file = writeConfig(
      'bad-timeout.yml',
      'connections:\n  webex:\n    eu:\n      baseUrl: https://eu.example.com\n      timeoutMs: soon\n',
    );
    expect(configError(() => loadConfig({ BULKFLOW_CONFIG: file })).source).toBe(
      `${file}: connections.webex.eu.timeoutMs`,
    );
  });

  it('rejects a missing file with a ConfigError naming BULKFLOW_CONFIG', () => {
    const file = path.join(dir, 'missing.json');
    expect(configError(() => loadConfig({ BULKFLOW_CONFIG: file })).source).toBe(`BULKFLOW_CONFIG (${file})`);
  });

  it('rejects malformed JSON with a ConfigError naming BULKFLOW_CONFIG', () => {
    const file = writeConfig('broken.json', '{ "connections": ');
    expect(configError(() => loadConfig({ BULKFLOW_CONFIG: file })).source).toBe(`BULKFLOW_CONFIG (${file})`);
  });

  it('reads a token command from BULKFLOW_WEBEX_TOKEN_COMMAND: a JSON array of program and arguments, or a program', () => {
    const base = { BULKFLOW_WEBEX_BASE_URL: 'https://webexapis.com' };
    const argv = ['vault', 'read', '-field=token', 'secret/webex'];
    const fromArray = loadConfig({ ...base, BULKFLOW_WEBEX_TOKEN_COMMAND: JSON.stringify(argv) });
    expect(fromArray.connections.webex['default']?.tokenCommand).toEqual(argv);
    const fromProgram = loadConfig({ ...base, BULKFLOW_WEBEX_TOKEN_COMMAND: '/usr/local/bin/webex-token' });
    expect(fromProgram.connections.webex['default']?.tokenCommand).toEqual(['/usr/local/bin/webex-token']);
  });

  it('reads the OAuth client of a Zoho connection from its variables', () => {
    const config = loadConfig({
      BULKFLOW_ZOHO_BASE_URL: 'https://www.zohoapis.eu',
      BULKFLOW_ZOHO_OAUTH_TOKEN_URL: 'https://accounts.zoho.eu/oauth/v2/token',
      BULKFLOW_ZOHO_OAUTH_CLIENT_ID: '1000.ID',
      BULKFLOW_ZOHO_OAUTH_CLIENT_SECRET: 'secret',
      BULKFLOW_ZOHO_OAUTH_REFRESH_TOKEN: '1000.refresh',
    });
    expect(config.connections.zoho['default']).toEqual({
      baseUrl: 'https://www.zohoapis.eu',
      oauthTokenUrl: 'https://accounts.zoho.eu/oauth/v2/token',
      oauthClientId: '1000.ID',
      oauthClientSecret: 'secret',
      oauthRefreshToken: '1000.refresh',
    });
  });

  it('rejects an OAuth client missing a field, naming the missing one', () => {
    const file = writeConfig(
      'oauth-partial.json',
      JSON.stringify({
        connections: {
          zoho: { crm: { baseUrl: 'https://www.zohoapis.com', oauthClientId: 'id', oauthClientSecret: 's' } },
        },
      }),
    );
    expect(configError(() => loadConfig({ BULKFLOW_CONFIG: file })).source).toBe(
      `${file}: connections.zoho.crm.oauthTokenUrl`,
    );
  });

  it('rejects a token command next to another token, naming tokenCommand', () => {
    const error = configError(() => loadConfig({ ...WEBEX, BULKFLOW_WEBEX_TOKEN_COMMAND: '["print-token"]' }));
    expect(error.source).toBe('BULKFLOW_WEBEX_TOKEN_COMMAND');
    expect(error.message).toContain('cannot be set with token');
  });

  it('rejects the OAuth fields for a provider that documents no refresh grant, naming oauthTokenUrl', () => {
    const error = configError(() =>
      loadConfig({
        BULKFLOW_ORACLE_BASE_URL: 'https://primavera.example.com',
        BULKFLOW_ORACLE_OAUTH_TOKEN_URL: 'https://primavera.example.com/token',
        BULKFLOW_ORACLE_OAUTH_CLIENT_ID: 'id',
        BULKFLOW_ORACLE_OAUTH_CLIENT_SECRET: 's',
        BULKFLOW_ORACLE_OAUTH_REFRESH_TOKEN: 'r',
      }),
    );
    expect(error.source).toBe('BULKFLOW_ORACLE_OAUTH_TOKEN_URL');
    expect(error.message).toContain('oracle documents no OAuth refresh-token grant');
  });

  it('lets the environment replace the file connection named default', () => {
    const file = writeConfig(
      'with-default.json',
      JSON.stringify({ connections: { webex: { default: { baseUrl: 'https://file.example.com', token: 'file' } } } }),
    );
    expect(loadConfig({ ...WEBEX, BULKFLOW_CONFIG: file }).connections.webex['default']).toEqual({
      baseUrl: 'https://webexapis.com',
      token: 'env-token',
    });
  });

  it('keeps the file named connections next to the environment default', () => {
    const file = writeConfig(
      'named.json',
      JSON.stringify({ connections: { webex: { eu: { baseUrl: 'https://eu.example.com', token: 'eu' } } } }),
    );
    expect(Object.keys(loadConfig({ ...WEBEX, BULKFLOW_CONFIG: file }).connections.webex).sort()).toEqual([
      'default',
      'eu',
    ]);
  });
});

describe('resolveConnection', () => {
  const file = (): string =>
    writeConfig(
      'resolve.json',
      JSON.stringify({ connections: { webex: { eu: { baseUrl: 'https://eu.example.com', token: 'eu' } } } }),
    );

  it('returns the named connection', () => {
    const config = loadConfig({ ...WEBEX, BULKFLOW_CONFIG: file() });
    expect(resolveConnection(config, 'webex', 'eu')).toEqual({ baseUrl: 'https://eu.example.com', token: 'eu' });
  });

  it('rejects an unknown name with an InvalidRequestError on connection listing the configured ones', () => {
    const config = loadConfig({ ...WEBEX, BULKFLOW_CONFIG: file() });
    const error = thrown<InvalidRequestError>('InvalidRequestError', () => resolveConnection(config, 'webex', 'us'));
    expect([error.field, error.problem]).toEqual([
      'connection',
      'unknown webex connection "us" (configured: eu, default)',
    ]);
  });

  it('says none are configured when the provider has no connection', () => {
    const error = thrown<InvalidRequestError>('InvalidRequestError', () =>
      resolveConnection(loadConfig(WEBEX), 'oracle', 'default'),
    );
    expect(error.problem).toBe('unknown oracle connection "default" (configured: none)');
  });
});
