/**
 * The layer rules of eslint.config.mjs fail on wrong-direction imports: each snippet stands in for an existing
 * file and is linted with the project's config; a zone is recognised by the words of its message.
 */
import { posix } from 'node:path';
import { lintSnippets } from '../../helpers/lint-snippets';
import type { LintedSnippet, Snippet } from '../../helpers/lint-snippets';

const PATHS = 'import-x/no-restricted-paths';
const IMPORTS = '@typescript-eslint/no-restricted-imports';

interface Expected {
  readonly ruleId: string;
  /** Words of the message that name the zone or ban. */
  readonly says: string;
}

interface Case extends Snippet {
  readonly title: string;
  readonly expected: readonly Expected[];
}

/** A provider simulator's entry file. */
const PROVIDER_SIMULATOR = 'src/providers/webex-move-users/simulator/index.ts';
const SIMULATOR_CORE_FROM_PROVIDER = posix.relative(posix.dirname(PROVIDER_SIMULATOR), 'src/simulator/server');

const reported = (ruleId: string, says: string): Expected => ({ ruleId, says });

const WRONG_WAY: readonly Case[] = [
  {
    title: 'a provider operation importing the simulator core',
    filePath: 'src/providers/webex-move-users/operation.ts',
    code: "import { startSimulator } from '../../simulator/server';\nexport { startSimulator };\n",
    expected: [reported(PATHS, 'imports the simulator core')],
  },
  {
    title: 'a provider operation importing its simulator',
    filePath: 'src/providers/webex-move-users/operation.ts',
    code: "import { createWebexMoveUsersSimulator } from './simulator';\nexport { createWebexMoveUsersSimulator };\n",
    expected: [reported(PATHS, 'operation side never imports a simulator')],
  },
  {
    title: 'an activity importing the simulator core',
    filePath: 'src/activities/index.ts',
    code: "import { startSimulator } from '../simulator/server';\nexport { startSimulator };\n",
    expected: [reported(PATHS, 'worker side never imports a simulator')],
  },
  {
    title: 'the worker factory importing a provider simulator',
    filePath: 'src/worker-factory.ts',
    code: "import { createWebexMoveUsersSimulator } from './providers/webex-move-users/simulator';\nexport { createWebexMoveUsersSimulator };\n",
    expected: [reported(PATHS, 'worker side never imports a simulator')],
  },
  {
    title: 'the worker importing the simulator registry',
    filePath: 'src/worker.ts',
    code: "import { createAllSimulators } from './simulator-registry';\nexport { createAllSimulators };\n",
    expected: [reported(PATHS, 'worker side never imports a simulator')],
  },
  {
    title: 'a client file importing workflow code',
    filePath: 'src/client/job-reader.ts',
    code: "import { bulkJobWorkflow } from '../workflows/bulk-job';\nexport { bulkJobWorkflow };\n",
    expected: [reported(PATHS, 'import only workflow definitions')],
  },
  {
    title: 'a workflow importing node:util and util',
    filePath: 'src/workflows/bulk-job.ts',
    code: "import { inspect } from 'node:util';\nimport { format } from 'util';\nexport { format, inspect };\n",
    expected: [reported(IMPORTS, 'no Node builtins'), reported(IMPORTS, 'no Node builtins')],
  },
  {
    title: 'a workflow importing the config',
    filePath: 'src/workflows/bulk-job.ts',
    code: "import { loadConfig } from '../config';\nexport { loadConfig };\n",
    expected: [reported(PATHS, 'Workflows import only workflows, domain')],
  },
  {
    title: 'a workflow importing a domain module that uses zod',
    filePath: 'src/workflows/bulk-job.ts',
    code: "import { parseBulkJobRequest } from '../domain/request';\nexport { parseBulkJobRequest };\n",
    expected: [reported(PATHS, 'This domain module imports zod')],
  },
  {
    title: 'a domain file importing events',
    filePath: 'src/domain/job.ts',
    code: "import { EventEmitter } from 'events';\nexport { EventEmitter };\n",
    expected: [reported(IMPORTS, 'no Node builtins')],
  },
  {
    title: 'a domain file outside the schema modules importing zod',
    filePath: 'src/domain/job.ts',
    code: "import { z } from 'zod';\nexport const Id = z.string();\n",
    expected: [reported(IMPORTS, 'zod only in the modules listed')],
  },
  {
    title: 'a domain file importing http',
    filePath: 'src/domain/job.ts',
    code: "import { parseRetryAfter } from '../http/retry-after';\nexport { parseRetryAfter };\n",
    expected: [reported(PATHS, 'Domain imports nothing internal but domain')],
  },
  {
    title: 'http importing providers',
    filePath: 'src/http/client.ts',
    code: "import { operations } from '../providers/registry';\nexport { operations };\n",
    expected: [reported(PATHS, 'http imports only domain')],
  },
  {
    title: 'a provider operation importing activities',
    filePath: 'src/providers/webex-move-users/operation.ts',
    code: "import { createActivities } from '../../activities';\nexport { createActivities };\n",
    expected: [reported(PATHS, 'Provider code imports only http and domain')],
  },
  {
    title: 'an activity importing the client',
    filePath: 'src/activities/index.ts',
    code: "import { BulkJobClient } from '../client';\nexport { BulkJobClient };\n",
    expected: [reported(PATHS, 'Activities never import a front end')],
  },
  {
    title: 'the client importing activities',
    filePath: 'src/client/job-reader.ts',
    code: "import { createActivities } from '../activities';\nexport { createActivities };\n",
    expected: [reported(PATHS, 'The client never imports activities')],
  },
  {
    title: 'the API importing activities',
    filePath: 'src/api/app.ts',
    code: "import { createActivities } from '../activities';\nexport { createActivities };\n",
    expected: [reported(PATHS, 'api and cli never import activities')],
  },
  {
    title: 'the CLI importing the worker',
    filePath: 'src/cli/index.ts',
    code: "import { createWorker } from '../worker-factory';\nexport { createWorker };\n",
    expected: [reported(PATHS, 'api and cli never import activities or the worker')],
  },
  {
    title: 'the codec importing the typed client',
    filePath: 'src/codec/encryption-codec.ts',
    code: "import { BulkJobClient } from '../client';\nexport { BulkJobClient };\n",
    expected: [reported(PATHS, 'The codec imports only')],
  },
  {
    title: 'the codec importing activities',
    filePath: 'src/codec/encryption-codec.ts',
    code: "import { createActivities } from '../activities';\nexport { createActivities };\n",
    expected: [reported(PATHS, 'The codec imports only')],
  },
  {
    title: 'the codec importing a simulator',
    filePath: 'src/codec/data-converter.ts',
    code: "import { startSimulator } from '../simulator/server';\nexport { startSimulator };\n",
    expected: [reported(PATHS, 'worker side never imports a simulator'), reported(PATHS, 'The codec imports only')],
  },
];

const ALLOWED: readonly Case[] = [
  {
    title: 'the client importing workflow definitions',
    filePath: 'src/client/job-reader.ts',
    code: "import { progressQuery } from '../workflows/definitions';\nimport { semaphoreWorkflowId } from '../workflows/semaphore-definitions';\nexport { progressQuery, semaphoreWorkflowId };\n",
    expected: [],
  },
  {
    title: 'a workflow importing activity types',
    filePath: 'src/workflows/bulk-job.ts',
    code: "import type { Activities } from '../activities';\nexport type { Activities };\n",
    expected: [],
  },
  {
    title: 'a domain schema module importing zod',
    filePath: 'src/domain/request.ts',
    code: "import { z } from 'zod';\nexport const Id = z.string();\n",
    expected: [],
  },
  {
    title: 'the codec importing the job-id rule of the client',
    filePath: 'src/codec/encryption-codec.ts',
    code: "import { tenantTagOf } from '../client/job-id';\nexport { tenantTagOf };\n",
    expected: [],
  },
  {
    title: 'a provider simulator importing the simulator core',
    filePath: PROVIDER_SIMULATOR,
    code: `import { startSimulator } from '${SIMULATOR_CORE_FROM_PROVIDER}';\nexport { startSimulator };\n`,
    expected: [],
  },
];

describe('layer lint', () => {
  let linted: LintedSnippet[] = [];

  beforeAll(async () => {
    linted = await lintSnippets({ rules: [PATHS, IMPORTS], snippets: [...WRONG_WAY, ...ALLOWED] });
  });

  const messagesOf = (snippet: Case): readonly Expected[] => {
    const result = linted.find(
      (candidate) => candidate.filePath === snippet.filePath && candidate.code === snippet.code,
    );
    if (!result) throw new Error(`not linted: ${snippet.title}`);
    return result.messages.map(({ ruleId, message }) => ({ ruleId: ruleId ?? '(none)', says: message }));
  };

  test.each(WRONG_WAY)('reports $title', (snippet) => {
    expect(messagesOf(snippet)).toEqual(
      snippet.expected.map(({ ruleId, says }) => ({ ruleId, says: expect.stringContaining(says) })),
    );
  });

  test.each(ALLOWED)('allows $title', (snippet) => {
    expect(messagesOf(snippet)).toEqual([]);
  });
});
