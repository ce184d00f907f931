/**
 * Which Temporal a process talks to, resolved through `@temporalio/envconfig` in the `temporal` CLI's order: flags,
 * then `TEMPORAL_*` variables, then the chosen profile of the config file. Everything read is checked here (address,
 * TLS files, the profile's existence), and a mistake is a `ConfigError` naming the flag, the variable or the
 * profile key at fault.
 */
import { loadClientConfig, loadClientConfigProfile, toClientOptions } from '@temporalio/envconfig';
import type { ClientConfigProfile, ConfigDataSource } from '@temporalio/envconfig';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { ConfigError, errorMessage, hasErrorName } from '../domain/errors';
import { SETTINGS, flagsAsEnv } from './flags';
import type { SettingNames, TemporalFlags } from './flags';
import { profileFileLocation, readProfileFile } from './profile-file';
import type { ProfileFile } from './profile-file';
import { loadTlsParts } from './tls-files';

type Env = Readonly<Record<string, string | undefined>>;

export interface TemporalSources {
  /** The environment: `TEMPORAL_*` variables, and where the config file lies (`HOME`, `XDG_CONFIG_HOME`). */
  readonly env: Env;
  readonly flags?: TemporalFlags;
  /**
   * Read neither a config file nor a `TEMPORAL_*` variable, only `flags`: for what must never be redirected by a
   * developer's own `temporal` setup (tests, the bench, the embedded stack).
   */
  readonly isolated?: boolean;
}

/** What the sources say; `address` undefined when none of them names a Temporal. */
export interface ResolvedTemporal {
  readonly address?: string;
  readonly namespace?: string;
  readonly tls?: TLSConfig | boolean;
  readonly apiKey?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** What was read, so that each value can be traced to the setting that gave it. */
interface Reading {
  readonly flagVars: Record<string, string>;
  readonly vars: Record<string, string>;
  readonly file?: ProfileFile;
  readonly profile: string;
}

/** The setting that gave the value of `names`: its flag, its variable, or its key in the profile. */
function settingOf(names: SettingNames, reading: Reading): string {
  if (names.flag && reading.flagVars[names.env] !== undefined) return names.flag;
  if (reading.vars[names.env] !== undefined || !reading.file) return names.env;
  return `${names.key} of profile "${reading.profile}" in ${reading.file.path}`;
}

const DATA_FORMS = {
  clientCert: SETTINGS.clientCertData,
  clientKey: SETTINGS.clientKeyData,
  serverCACert: SETTINGS.serverCACertData,
} as const;

function partSetting(reading: Reading) {
  return (part: keyof typeof DATA_FORMS, source: ConfigDataSource): string =>
    settingOf('path' in source ? SETTINGS[part] : DATA_FORMS[part], reading);
}

/** The `TEMPORAL_*` variables envconfig reads: the environment's, then the flags' (a flag's path hides `_DATA`). */
function variablesOf(env: Env, flagVars: Record<string, string>): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (name.startsWith('TEMPORAL_') && value) vars[name] = value;
  for (const part of ['clientCert', 'clientKey', 'serverCACert'] as const) {
    if (flagVars[SETTINGS[part].env] !== undefined) delete vars[DATA_FORMS[part].env];
  }
  return { ...vars, ...flagVars };
}

/** The profile to read, and the setting that named it (none: `default`, which may be absent). */
function chosenProfile(flags: TemporalFlags, vars: Record<string, string>): { name: string; namedBy?: string } {
  if (flags.profile) return { name: flags.profile, namedBy: '--profile' };
  if (vars['TEMPORAL_PROFILE']) return { name: vars['TEMPORAL_PROFILE'], namedBy: 'TEMPORAL_PROFILE' };
  return { name: 'default' };
}

/** Thrown when a named profile is not in the file (or there is no file): `ConfigError` naming the setting. */
function checkProfileExists(chosen: { name: string; namedBy?: string }, file: ProfileFile | undefined): void {
  if (!chosen.namedBy) return;
  if (!file) throw new ConfigError(chosen.namedBy, `no config file holds profile "${chosen.name}"`);
  const names = Object.keys(loadClientConfig({ configSource: { data: file.text } }).profiles);
  if (!names.includes(chosen.name)) {
    const has = names.length > 0 ? names.join(', ') : 'none';
    throw new ConfigError(chosen.namedBy, `no profile "${chosen.name}" in ${file.path} (profiles there: ${has})`);
  }
}

function readProfile(sources: TemporalSources): { profile: ClientConfigProfile; reading: Reading } {
  const flags = sources.flags ?? {};
  const flagVars = flagsAsEnv(flags);
  const useEnv = !sources.isolated && !flags.disableConfigEnv;
  const vars = variablesOf(useEnv ? sources.env : {}, flagVars);
  const skipFile = sources.isolated || flags.disableConfigFile;
  const file = skipFile ? undefined : readProfileFile(profileFileLocation(sources.env, flags.configFile));
  const chosen = chosenProfile(flags, vars);
  const reading: Reading = { flagVars, vars: useEnv ? vars : {}, profile: chosen.name, ...(file && { file }) };
  try {
    checkProfileExists(chosen, file);
    const profile = loadClientConfigProfile({
      profile: chosen.name,
      ...(file ? { configSource: { data: file.text } } : { disableFile: true }),
      overrideEnvVars: vars,
    });
    return { profile, reading };
  } catch (err) {
    if (hasErrorName(err, 'ConfigError')) throw err;
    throw new ConfigError(file ? `${file.namedBy} (${file.path})` : 'TEMPORAL_* variables', errorMessage(err));
  }
}

/** host:port, the host a name, an IPv4 address or a bracketed IPv6 address. */
const ADDRESS = /^(?:\[[0-9a-fA-F:.]+\]|[^\s:/[\]@]+):(\d{1,5})$/;

function checkProfile(profile: ClientConfigProfile, reading: Reading): void {
  const { address, namespace, apiKey } = profile;
  const port = address === undefined ? undefined : ADDRESS.exec(address)?.[1];
  if (address !== undefined && (port === undefined || Number(port) > 65_535))
    throw new ConfigError(settingOf(SETTINGS.address, reading), 'must be host:port, such as 127.0.0.1:7233');
  if (namespace !== undefined && namespace.trim() === '')
    throw new ConfigError(settingOf(SETTINGS.namespace, reading), 'must not be empty');
  if (apiKey !== undefined && apiKey.trim() === '')
    throw new ConfigError(settingOf(SETTINGS.apiKey, reading), 'must not be empty');
}

/**
 * The Temporal `sources` name, with its TLS material read and checked. Thrown on any invalid or unreadable setting,
 * a named profile that does not exist, or a config file that does not parse: `ConfigError` naming the setting.
 */
export function resolveTemporal(sources: TemporalSources): ResolvedTemporal {
  const { profile, reading } = readProfile(sources);
  checkProfile(profile, reading);
  const tls = profile.tls && loadTlsParts(profile.tls, partSetting(reading));
  const { namespace, connectionOptions } = toClientOptions({ ...profile, ...(tls && { tls }) });
  const { address, apiKey } = connectionOptions;
  // The profile's gRPC metadata as envconfig normalized it (text values; the SDK's type also allows bytes).
  const metadata = profile.grpcMeta;
  return {
    ...(address !== undefined && { address }),
    ...(namespace !== undefined && { namespace }),
    ...(connectionOptions.tls !== undefined && connectionOptions.tls !== null && { tls: connectionOptions.tls }),
    ...(typeof apiKey === 'string' && { apiKey }),
    ...(metadata !== undefined && { metadata }),
  };
}
