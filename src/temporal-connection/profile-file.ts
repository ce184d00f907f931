/**
 * The `temporal` CLI's config file (TOML profiles), found where the CLI finds it: `--config-file`, else
 * `TEMPORAL_CONFIG_FILE`, else `temporalio/temporal.toml` under the user's config folder. The folder is read from the
 * given environment (`XDG_CONFIG_HOME`, `HOME`, `APPDATA`), so an environment without them reads no file.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigError, errorMessage } from '../domain/errors';

type Env = Readonly<Record<string, string | undefined>>;

/** A config file that was read: its path, the setting that named it, and its text. */
export interface ProfileFile {
  readonly path: string;
  /** `--config-file`, `TEMPORAL_CONFIG_FILE`, or `default location` */
  readonly namedBy: string;
  readonly text: string;
}

/** The user's config folder as the SDK's envconfig computes it (XDG on Unix, Application Support, %APPDATA%). */
function userConfigDir(env: Env, platform: NodeJS.Platform): string | undefined {
  if (platform === 'win32') return env['APPDATA'] || undefined;
  if (platform === 'darwin') return env['HOME'] ? join(env['HOME'], 'Library', 'Application Support') : undefined;
  const xdg = env['XDG_CONFIG_HOME'];
  if (xdg) return isAbsolute(xdg) ? xdg : undefined;
  return env['HOME'] ? join(env['HOME'], '.config') : undefined;
}

/** Where the config file is looked for, and which setting named that place; undefined when nowhere. */
export function profileFileLocation(
  env: Env,
  configFileFlag: string | undefined,
  platform: NodeJS.Platform = process.platform,
): { path: string; namedBy: string } | undefined {
  if (configFileFlag) return { path: configFileFlag, namedBy: '--config-file' };
  const fromEnv = env['TEMPORAL_CONFIG_FILE'];
  if (fromEnv) return { path: fromEnv, namedBy: 'TEMPORAL_CONFIG_FILE' };
  const dir = userConfigDir(env, platform);
  return dir ? { path: join(dir, 'temporalio', 'temporal.toml'), namedBy: 'default location' } : undefined;
}

/** True when `text` holds no TOML at all (empty, or only comments): the SDK cannot parse such a file. */
function isBlank(text: string): boolean {
  return text.replace(/#.*$/gm, '').trim() === '';
}

/**
 * The config file at `location`; undefined when there is none at the default location, or it is blank. Thrown when
 * a file named by a setting is missing or unreadable: `ConfigError` naming the setting and the path.
 */
export function readProfileFile(location: { path: string; namedBy: string } | undefined): ProfileFile | undefined {
  if (!location) return undefined;
  let text: string;
  try {
    text = readFileSync(location.path, 'utf8');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing && location.namedBy === 'default location') return undefined;
    throw new ConfigError(`${location.namedBy} (${location.path})`, missing ? 'no such file' : errorMessage(err));
  }
  return isBlank(text) ? undefined : { ...location, text };
}
