/** The `temporal` CLI's config file is looked for where the CLI (and the SDK's envconfig) looks for it. */
import { profileFileLocation, readProfileFile } from '../../../src/temporal-connection/profile-file';
import { thrownBy } from '../../helpers/thrown';

describe('profileFileLocation', () => {
  it('--config-file, then TEMPORAL_CONFIG_FILE, then the user config folder', () => {
    const env = { TEMPORAL_CONFIG_FILE: '/etc/t.toml', HOME: '/home/u' };
    expect(profileFileLocation(env, '/flag.toml', 'linux')).toEqual({ path: '/flag.toml', namedBy: '--config-file' });
    expect(profileFileLocation(env, undefined, 'linux')).toEqual({
      path: '/etc/t.toml',
      namedBy: 'TEMPORAL_CONFIG_FILE',
    });
    expect(profileFileLocation({ HOME: '/home/u' }, undefined, 'linux')?.path).toBe(
      '/home/u/.config/temporalio/temporal.toml',
    );
  });

  it('follows XDG_CONFIG_HOME on Linux, Application Support on macOS, APPDATA on Windows', () => {
    expect(profileFileLocation({ XDG_CONFIG_HOME: '/x', HOME: '/h' }, undefined, 'linux')?.path).toBe(
      '/x/temporalio/temporal.toml',
    );
    expect(profileFileLocation({ HOME: '/Users/u' }, undefined, 'darwin')?.path).toBe(
      '/Users/u/Library/Application Support/temporalio/temporal.toml',
    );
    expect(profileFileLocation({ APPDATA: 'C:/Users/u/AppData' }, undefined, 'win32')?.path).toContain('temporalio');
  });

  it('looks nowhere when the environment names no home (an explicit environment of a test)', () => {
    expect(profileFileLocation({}, undefined, 'linux')).toBeUndefined();
  });
});

describe('readProfileFile', () => {
  it('a missing file at the default place is no file; one a setting names is an error naming it', () => {
    expect(readProfileFile({ path: '/nowhere/temporal.toml', namedBy: 'default location' })).toBeUndefined();
    const err = thrownBy(() => readProfileFile({ path: '/nowhere/t.toml', namedBy: 'TEMPORAL_CONFIG_FILE' })) as Error;
    expect(err.message).toBe('invalid configuration: TEMPORAL_CONFIG_FILE (/nowhere/t.toml): no such file');
  });
});
