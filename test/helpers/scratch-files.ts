/** A scratch folder for the files one test file writes, made before its tests and removed after them. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScratchFiles {
  /** Writes `text` to the file `name` of the folder; returns its path. */
  file(name: string, text: string): string;
  /** The path the file `name` of the folder has, written or not. */
  pathOf(name: string): string;
}

/** Registers the folder's beforeAll/afterAll (call it at the top of a test file or a describe). */
export function scratchFiles(prefix: string): ScratchFiles {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const pathOf = (name: string) => join(dir, name);
  return {
    pathOf,
    file(name, text) {
      writeFileSync(pathOf(name), text);
      return pathOf(name);
    },
  };
}
