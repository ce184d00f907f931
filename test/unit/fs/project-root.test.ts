/** The project root is found by its package.json, from the source tree and from a compiled copy of it alike. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { projectRoot } from '../../../src/fs/project-root';
import { PROJECT_ROOT } from '../../../src/dev/tools';

describe('projectRoot', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'project-root-'));
    writeFileSync(join(dir, 'package.json'), '{}');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the checkout from a source folder and from the same folder compiled one level deeper', () => {
    for (const folder of [join(dir, 'src', 'dev'), join(dir, '.test-dist', 'src', 'dev'), join(dir, 'bench', 'lib')]) {
      mkdirSync(folder, { recursive: true });
      expect(projectRoot(folder)).toBe(dir);
    }
  });

  it('is the folder itself when it holds the package.json', () => {
    expect(projectRoot(dir)).toBe(dir);
  });

  it('is thrown, naming the folder, when no folder above holds a package.json', () => {
    expect(() => projectRoot('/')).toThrow('no package.json in / or any folder above it');
  });

  it("is this checkout's root for the tools' paths", () => {
    expect(PROJECT_ROOT).toBe(resolve(__dirname, '..', '..', '..'));
  });
});
