/**
 * The `temporal` CLI's connection flags, with the same names and meanings, on every `bulkflow` command: a flag wins
 * over its `TEMPORAL_*` variable, which wins over the profile of the `temporal` CLI's config file. Only when none of
 * them names a Temporal does a command look for the embedded stack (src/client/temporal-location.ts).
 */
import type { Command } from 'commander';
import type { TemporalFlags } from '../temporal-connection';

const GROUP = 'Temporal connection (as the temporal CLI: flag, then TEMPORAL_* variable, then profile):';

/** Adds the connection flags to `program` (commander recognises them before or after the command's name). */
export function addTemporalOptions(program: Command): Command {
  return program
    .optionsGroup(GROUP)
    .option('--address <host:port>', 'Temporal frontend (TEMPORAL_ADDRESS)')
    .option('-n, --namespace <namespace>', 'Temporal namespace (TEMPORAL_NAMESPACE; default "default")')
    .option('--profile <name>', 'profile of the config file (TEMPORAL_PROFILE; default "default")')
    .option('--config-file <path>', 'TOML file of the profiles (TEMPORAL_CONFIG_FILE)')
    .option('--disable-config-file', 'read no config file')
    .option('--disable-config-env', 'read no TEMPORAL_* connection variable')
    .option('--api-key <key>', 'API key (TEMPORAL_API_KEY; turns TLS on)')
    .option('--tls', 'TLS without client certificate (TEMPORAL_TLS)')
    .option('--tls-cert-path <path>', 'client certificate, for mTLS (TEMPORAL_TLS_CLIENT_CERT_PATH)')
    .option('--tls-key-path <path>', "the client certificate's private key (TEMPORAL_TLS_CLIENT_KEY_PATH)")
    .option('--tls-ca-path <path>', "CA of the server's certificate (TEMPORAL_TLS_SERVER_CA_CERT_PATH)")
    .option('--tls-server-name <name>', "name the server's certificate carries (TEMPORAL_TLS_SERVER_NAME)")
    .optionsGroup('Options:');
}

/** The connection flags given to `program` (commander keys them by their camel-cased long names). */
export function temporalFlagsOf(program: Command): TemporalFlags {
  const opts = program.opts<Record<string, string | boolean | undefined>>();
  const text = (name: string): string | undefined => (typeof opts[name] === 'string' ? opts[name] : undefined);
  const flag = (name: string): boolean | undefined => (opts[name] === true ? true : undefined);
  const flags = {
    address: text('address'),
    namespace: text('namespace'),
    profile: text('profile'),
    configFile: text('configFile'),
    disableConfigFile: flag('disableConfigFile'),
    disableConfigEnv: flag('disableConfigEnv'),
    apiKey: text('apiKey'),
    tls: flag('tls'),
    tlsCertPath: text('tlsCertPath'),
    tlsKeyPath: text('tlsKeyPath'),
    tlsCaPath: text('tlsCaPath'),
    tlsServerName: text('tlsServerName'),
  };
  return Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
}
