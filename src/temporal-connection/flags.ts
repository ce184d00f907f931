/**
 * The Temporal settings a caller gives explicitly (the CLI's global flags, `BulkJobClient.connect`'s options), named
 * and meant as the `temporal` CLI's own flags; each stands for one `TEMPORAL_*` variable and wins over it.
 */

export interface TemporalFlags {
  /** `--address`: the frontend's host:port. */
  readonly address?: string;
  /** `--namespace` / `-n`. */
  readonly namespace?: string;
  /** `--profile`: the config file's profile to read (default `default`). */
  readonly profile?: string;
  /** `--config-file`: the TOML file of the profiles. */
  readonly configFile?: string;
  /** `--disable-config-file`: read no config file. */
  readonly disableConfigFile?: boolean;
  /** `--disable-config-env`: read no `TEMPORAL_*` variable. */
  readonly disableConfigEnv?: boolean;
  /** `--api-key` (turns TLS on). */
  readonly apiKey?: string;
  /** `--tls`: TLS on (true) or off (false); on by itself with an API key or any TLS setting. */
  readonly tls?: boolean;
  /** `--tls-cert-path`: the client certificate (mTLS). */
  readonly tlsCertPath?: string;
  /** `--tls-key-path`: the client certificate's private key. */
  readonly tlsKeyPath?: string;
  /** `--tls-ca-path`: the CA that signed the server's certificate (default: the system's). */
  readonly tlsCaPath?: string;
  /** `--tls-server-name`: the name the server's certificate must carry, when not the address's host. */
  readonly tlsServerName?: string;
}

/** A connection setting: its flag, its `TEMPORAL_*` variable and its profile key (as the `temporal` CLI names them). */
export interface SettingNames {
  readonly flag?: string;
  readonly env: string;
  readonly key: string;
}

/** The settings whose values can be wrong, by what they feed. */
export const SETTINGS = {
  address: { flag: '--address', env: 'TEMPORAL_ADDRESS', key: 'address' },
  namespace: { flag: '--namespace', env: 'TEMPORAL_NAMESPACE', key: 'namespace' },
  apiKey: { flag: '--api-key', env: 'TEMPORAL_API_KEY', key: 'api_key' },
  tls: { flag: '--tls', env: 'TEMPORAL_TLS', key: 'tls.disabled' },
  clientCert: { flag: '--tls-cert-path', env: 'TEMPORAL_TLS_CLIENT_CERT_PATH', key: 'tls.client_cert_path' },
  clientCertData: { env: 'TEMPORAL_TLS_CLIENT_CERT_DATA', key: 'tls.client_cert_data' },
  clientKey: { flag: '--tls-key-path', env: 'TEMPORAL_TLS_CLIENT_KEY_PATH', key: 'tls.client_key_path' },
  clientKeyData: { env: 'TEMPORAL_TLS_CLIENT_KEY_DATA', key: 'tls.client_key_data' },
  serverCACert: { flag: '--tls-ca-path', env: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH', key: 'tls.server_ca_cert_path' },
  serverCACertData: { env: 'TEMPORAL_TLS_SERVER_CA_CERT_DATA', key: 'tls.server_ca_cert_data' },
  serverName: { flag: '--tls-server-name', env: 'TEMPORAL_TLS_SERVER_NAME', key: 'tls.server_name' },
} as const satisfies Record<string, SettingNames>;

/** Every `TEMPORAL_*` variable bulkflow reads (through envconfig), for the documentation checks. */
export const TEMPORAL_VARIABLES: readonly string[] = [
  ...Object.values(SETTINGS).map((s) => s.env),
  'TEMPORAL_PROFILE',
  'TEMPORAL_CONFIG_FILE',
];

/** The flags as the `TEMPORAL_*` variables they stand for (envconfig then gives them the variables' precedence). */
export function flagsAsEnv(flags: TemporalFlags): Record<string, string> {
  const pairs: [string, string | undefined][] = [
    [SETTINGS.address.env, flags.address],
    [SETTINGS.namespace.env, flags.namespace],
    [SETTINGS.apiKey.env, flags.apiKey],
    [SETTINGS.tls.env, flags.tls === undefined ? undefined : String(flags.tls)],
    [SETTINGS.clientCert.env, flags.tlsCertPath],
    [SETTINGS.clientKey.env, flags.tlsKeyPath],
    [SETTINGS.serverCACert.env, flags.tlsCaPath],
    [SETTINGS.serverName.env, flags.tlsServerName],
  ];
  return Object.fromEntries(pairs.filter((pair): pair is [string, string] => pair[1] !== undefined));
}
