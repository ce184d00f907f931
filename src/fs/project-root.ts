/**
 * The checkout (or installed package) a module runs from: the nearest folder at or above it that holds a
 * `package.json`. Found by looking, not by counting `..` from `__dirname`, so the same rule holds wherever the code was
 * compiled to: `src/` and `bench/` run from source, `dist/` once built, `.test-dist/src/` and `.test-dist/bench/` as
 * the integration tests run them (test/helpers/process-programs.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest folder at or above `from` that holds a `package.json`. Thrown when there is none up to the root. */
export function projectRoot(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json in ${from} or any folder above it`);
  }
}
