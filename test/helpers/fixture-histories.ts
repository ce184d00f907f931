/** The recorded histories of test/fixtures/histories, by scenario name (see replay.test.ts for how they are made). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { History } from '@temporalio/common/lib/proto-utils';

const DIR = join(__dirname, '..', 'fixtures', 'histories');

export interface FixtureHistory {
  readonly scenario: string;
  readonly workflowId: string;
  readonly history: History;
}

/** Fixture files are `<scenario>--<workflow id, URI-encoded>.json`: replay needs the original workflow id. */
const ID_SEPARATOR = '--';

/** Where the fixture of `scenario` for workflow `workflowId` is written. */
export function fixturePath(scenario: string, workflowId: string): string {
  return join(DIR, `${scenario}${ID_SEPARATOR}${encodeURIComponent(workflowId)}.json`);
}

export function fixtureHistories(): FixtureHistory[] {
  return readdirSync(DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const name = file.replace(/\.json$/, '');
      const at = name.indexOf(ID_SEPARATOR);
      return {
        scenario: name.slice(0, at),
        workflowId: decodeURIComponent(name.slice(at + ID_SEPARATOR.length)),
        history: historyFromJSON(JSON.parse(readFileSync(join(DIR, file), 'utf8'))),
      };
    });
}

/** The recorded history of `scenario`. Thrown when there is none. */
export function fixtureHistory(scenario: string): FixtureHistory {
  const found = fixtureHistories().find((f) => f.scenario === scenario);
  if (!found) throw new Error(`no recorded history for scenario ${scenario}`);
  return found;
}
