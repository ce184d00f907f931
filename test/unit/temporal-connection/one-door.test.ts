/**
 * Every Temporal connection of src/, bench/ and test/ is made by src/temporal-connection: nowhere else calls the SDK's
 * `Connection.connect`, `Connection.lazy` or `NativeConnection.connect`, so no connection can skip the profiles, the
 * TLS settings or the isolation of tests and the embedded stack.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const MODULE = join('src', 'temporal-connection');
const SDK_CONNECT = /\b(?:Native)?Connection\.(?:connect|lazy)\(/;

/** The lines of `text` that open a connection with the SDK directly. */
function directConnects(text: string): string[] {
  return text.split('\n').filter((line) => SDK_CONNECT.test(line) && !line.trim().startsWith('//'));
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file));
}

describe('one door to Temporal', () => {
  it('finds a direct SDK connect in code (the check works)', () => {
    expect(directConnects("const c = await NativeConnection.connect({ address: '127.0.0.1:7233' });")).toHaveLength(1);
    expect(directConnects('const c = Connection.lazy({ address });')).toHaveLength(1);
    expect(directConnects('// What Connection.connect( throws when nothing answers')).toEqual([]);
  });

  it('src, bench and test connect only through src/temporal-connection', () => {
    const offenders = ['src', 'bench', 'test']
      .flatMap(sources)
      .filter((file) => !file.startsWith(MODULE) && file !== relative(ROOT, __filename))
      .flatMap((file) =>
        directConnects(readFileSync(join(ROOT, file), 'utf8')).map((line) => `${file}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
