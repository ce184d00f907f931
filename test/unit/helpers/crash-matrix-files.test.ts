/**
 * Every operation's crash matrix runs, once: the shard files in test/integration/crash-matrix/ are exactly
 * shard-1 … shard-<CRASH_MATRIX_SHARDS>, and the shards together hold every operation id once.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATION_IDS } from '../../../src/domain/job';
import { CRASH_MATRIX_SHARDS, crashMatrixShard } from '../../helpers/crash-matrix';

const DIR = join(__dirname, '..', '..', 'integration', 'crash-matrix');
const SHARDS = Array.from({ length: CRASH_MATRIX_SHARDS }, (_, i) => i + 1);

describe('crash matrix shards', () => {
  it('have one file each, and no other file is there', () => {
    expect(readdirSync(DIR).sort()).toEqual(SHARDS.map((n) => `shard-${n}.test.ts`).sort());
  });

  it.each(SHARDS)('shard %i runs its own shard', (n) => {
    expect(readFileSync(join(DIR, `shard-${n}.test.ts`), 'utf8')).toContain(`describeCrashMatrixShard(${n});`);
  });

  it('hold every operation exactly once', () => {
    expect(SHARDS.flatMap(crashMatrixShard).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it('give each of the five operations a file of its own', () => {
    expect(SHARDS.map((n) => crashMatrixShard(n).length)).toEqual(SHARDS.map(() => 1));
  });
});
