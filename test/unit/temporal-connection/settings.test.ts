import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTemporal, temporalEndpoint } from '../../../src/temporal-connection';
import type { TemporalSources } from '../../../src/temporal-connection';
import { makeTestCertificates } from '../../helpers/certificates';
import type { TestCertificates } from '../../helpers/certificates';
import { thrownBy } from '../../helpers/thrown';

let dir: string;
let certs: TestCertificates;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bulkflow-temporal-settings-'));
  certs = makeTestCertificates(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `toml` as the `temporal` CLI's config file under a home folder of its own; returns that home. */
function homeWith(toml: string): string {
  const home = mkdtempSync(join(dir, 'home-'));
  mkdirSync(join(home, '.config', 'temporalio'), { recursive: true });
  writeFileSync(join(home, '.config', 'temporalio', 'temporal.toml'), toml);
  return home;
}

function fileWith(toml: string): string {
  const path = join(mkdtempSync(join(dir, 'file-')), 'temporal.toml');
  writeFileSync(path, toml);
  return path;
}

const PROFILES = `
[profile.default]
address = "profile-default:7233"
namespace = "from-default-profile"

[profile.staging]
address = "staging.example.com:7233"
namespace = "staging"
api_key = "profile-api-key"
`;

/** The message of the `ConfigError` that resolving `sources` throws. */
function errorOf(sources: TemporalSources): string {
  const err = thrownBy(() => resolveTemporal(sources)) as Error;
  expect(err.name).toBe('ConfigError');
  return err.message;
}

describe('resolveTemporal: which Temporal', () => {
  it("reads the default profile of the user's temporal CLI config file, as the CLI does", () => {
    expect(resolveTemporal({ env: { HOME: homeWith(PROFILES) } })).toEqual({
      address: 'profile-default:7233',
      namespace: 'from-default-profile',
    });
  });

  it('takes flags over TEMPORAL_* variables, and variables over the profile', () => {
    const env = { HOME: homeWith(PROFILES), TEMPORAL_ADDRESS: 'from-env:7233', TEMPORAL_NAMESPACE: 'env-ns' };
    expect(resolveTemporal({ env })).toMatchObject({ address: 'from-env:7233', namespace: 'env-ns' });
    const flags = { address: 'from-flag:7233' };
    expect(resolveTemporal({ env, flags })).toMatchObject({ address: 'from-flag:7233', namespace: 'env-ns' });
  });

  it('reads the profile TEMPORAL_PROFILE names, and the one --profile names over it', () => {
    const env = { TEMPORAL_CONFIG_FILE: fileWith(PROFILES), TEMPORAL_PROFILE: 'staging' };
    expect(resolveTemporal({ env })).toEqual({
      address: 'staging.example.com:7233',
      namespace: 'staging',
      apiKey: 'profile-api-key',
      tls: true,
    });
    expect(resolveTemporal({ env, flags: { profile: 'default' } }).address).toBe('profile-default:7233');
  });

  it('names no Temporal when no flag, variable or profile does (the CLI then looks for the embedded stack)', () => {
    expect(resolveTemporal({ env: { HOME: mkdtempSync(join(dir, 'empty-home-')) } })).toEqual({});
    expect(temporalEndpoint({ env: {} })).toEqual({ address: '127.0.0.1:7233', namespace: 'default' });
  });

  it('isolated: reads neither the config file nor TEMPORAL_* variables, only the flags', () => {
    const env = { HOME: homeWith(PROFILES), TEMPORAL_API_KEY: 'developer-key', TEMPORAL_NAMESPACE: 'prod' };
    expect(resolveTemporal({ env, isolated: true, flags: { address: '127.0.0.1:1234' } })).toEqual({
      address: '127.0.0.1:1234',
    });
  });

  it('--disable-config-file and --disable-config-env leave out the file and the variables', () => {
    const env = { HOME: homeWith(PROFILES), TEMPORAL_ADDRESS: 'from-env:7233' };
    expect(resolveTemporal({ env, flags: { disableConfigFile: true } })).toEqual({ address: 'from-env:7233' });
    expect(resolveTemporal({ env, flags: { disableConfigEnv: true } }).address).toBe('profile-default:7233');
  });

  it('reads a blank config file as no profile at all', () => {
    expect(resolveTemporal({ env: { TEMPORAL_CONFIG_FILE: fileWith('# nothing yet\n') } })).toEqual({});
  });
});

describe('resolveTemporal: TLS and API keys', () => {
  it('builds mTLS from the flags: client certificate and key, the server CA and name', () => {
    const flags = {
      address: 'localhost:7233',
      tlsCertPath: certs.client.cert,
      tlsKeyPath: certs.client.key,
      tlsCaPath: certs.ca,
      tlsServerName: 'localhost',
    };
    expect(resolveTemporal({ env: {}, flags }).tls).toEqual({
      serverNameOverride: 'localhost',
      serverRootCACertificate: readFileSync(certs.ca),
      clientCertPair: { crt: readFileSync(certs.client.cert), key: readFileSync(certs.client.key) },
    });
  });

  it("builds mTLS from a profile's tls table, as the temporal CLI writes it", () => {
    const toml =
      '[profile.default]\naddress = "localhost:7233"\n[profile.default.tls]\n' +
      `client_cert_path = "${certs.client.cert}"\nclient_key_path = "${certs.client.key}"\n` +
      `server_ca_cert_path = "${certs.ca}"\n`;
    const tls = resolveTemporal({ env: { TEMPORAL_CONFIG_FILE: fileWith(toml) } }).tls;
    expect(tls).toMatchObject({ clientCertPair: { crt: readFileSync(certs.client.cert) } });
  });

  it('turns TLS on with an API key, and TEMPORAL_TLS=false turns it off', () => {
    expect(resolveTemporal({ env: { TEMPORAL_API_KEY: 'k' } })).toEqual({ apiKey: 'k', tls: true });
    expect(resolveTemporal({ env: { TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k' } }).tls).toBe(false);
  });

  it('a flag path hides the data form of the same file given by a variable', () => {
    const env = { TEMPORAL_TLS_CLIENT_CERT_DATA: 'not a certificate', TEMPORAL_TLS_CLIENT_KEY_PATH: certs.client.key };
    const tls = resolveTemporal({ env, flags: { tlsCertPath: certs.client.cert } }).tls;
    expect(tls).toMatchObject({ clientCertPair: { crt: readFileSync(certs.client.cert) } });
  });
});

describe('resolveTemporal: errors name the setting at fault', () => {
  it('an address that is not host:port, by flag, variable or profile key', () => {
    expect(errorOf({ env: {}, flags: { address: 'temporal' } })).toContain('--address: must be host:port');
    expect(errorOf({ env: { TEMPORAL_ADDRESS: 'http://x:7233' } })).toContain('TEMPORAL_ADDRESS: must be host:port');
    const file = fileWith('[profile.default]\naddress = "no-port"\n');
    expect(errorOf({ env: { TEMPORAL_CONFIG_FILE: file } })).toContain(`address of profile "default" in ${file}`);
  });

  it('a profile that the file does not hold, listing those it does', () => {
    const env = { TEMPORAL_CONFIG_FILE: fileWith(PROFILES) };
    expect(errorOf({ env, flags: { profile: 'prod' } })).toContain(
      '--profile: no profile "prod" in', // … (profiles there: default, staging)
    );
    expect(errorOf({ env: { ...env, TEMPORAL_PROFILE: 'prod' } })).toContain('profiles there: default, staging');
  });

  it('a config file that is missing or does not parse', () => {
    expect(errorOf({ env: {}, flags: { configFile: join(dir, 'none.toml') } })).toContain('--config-file');
    const broken = fileWith('[profile.default\naddress = 1');
    expect(errorOf({ env: { TEMPORAL_CONFIG_FILE: broken } })).toContain(`TEMPORAL_CONFIG_FILE (${broken})`);
  });

  it('a client certificate without its key, and the reverse', () => {
    expect(errorOf({ env: {}, flags: { tlsCertPath: certs.client.cert } })).toContain(
      '--tls-cert-path: needs the client key',
    );
    expect(errorOf({ env: { TEMPORAL_TLS_CLIENT_KEY_PATH: certs.client.key } })).toContain(
      'TEMPORAL_TLS_CLIENT_KEY_PATH: needs the client certificate',
    );
  });

  it('a TLS file that is missing, or is not what the setting says', () => {
    const flags = { tlsCertPath: join(dir, 'missing.crt'), tlsKeyPath: certs.client.key };
    expect(errorOf({ env: {}, flags })).toContain(`--tls-cert-path (${join(dir, 'missing.crt')}): no such file`);
    const swapped = { tlsCertPath: certs.client.key, tlsKeyPath: certs.client.cert };
    expect(errorOf({ env: {}, flags: swapped })).toContain('--tls-cert-path: is not a PEM certificate');
    const env = { TEMPORAL_TLS_SERVER_CA_CERT_DATA: 'garbage' };
    expect(errorOf({ env })).toContain('TEMPORAL_TLS_SERVER_CA_CERT_DATA: is not a PEM certificate');
  });

  it("a key that is not the certificate's", () => {
    const flags = { tlsCertPath: certs.client.cert, tlsKeyPath: certs.stranger.key };
    expect(errorOf({ env: {}, flags })).toContain(
      '--tls-key-path: is not the key of the certificate of --tls-cert-path',
    );
  });
});
