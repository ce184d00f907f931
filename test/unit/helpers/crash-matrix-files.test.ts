/**
 * Every operation has its crash matrix: one file per operation in test/integration/crash-matrix/, named after the
 * operation's folder, so that the matrices spread over jest's workers and a new operation cannot be left out.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATION_IDS } from '../../../src/domain/job';

const DIR = join(__dirname, '..', '..', 'integration', 'crash-matrix');

/** `webex.moveUsers` → `webex-move-users`, the operation's folder name. */
function folderOf(id: string): string {
  return id.replace('.', '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

describe('crash matrix files', () => {
  it.each(OPERATION_IDS)('%s has its own file that runs its matrix', (id) => {
    const file = join(DIR, `${folderOf(id)}.test.ts`);
    expect(readFileSync(file, 'utf8')).toContain(`describeCrashMatrix('${id}');`);
  });

  it('holds no file of an operation that does not exist', () => {
    const expected = OPERATION_IDS.map((id) => `${folderOf(id)}.test.ts`).sort();
    expect(readdirSync(DIR).sort()).toEqual(expected);
  });
});
