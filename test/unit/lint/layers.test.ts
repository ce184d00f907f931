/**
 * The layer rules of eslint.config.mjs fail on wrong-direction imports: each snippet stands in for an existing
 * file and is linted with the project's config; a zone is recognised by the words of its message.
 */
import { posix } from 'node:path';
import { placementOf, placementsOf, readLayerTable, sourceFilesUnder } from '../../helpers/layer-table';
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
/** The layer zone of `module` (layers.json), whose layer is `name`. */
const layer = (module: string, name: string): Expected =>
  reported(PATHS, `Layers: ${module} (${name}) imports only the layers below it`);

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
    title: 'a workflow value-importing the activities barrel',
    filePath: 'src/workflows/bulk-job.ts',
    code: "import { createActivities } from '../activities';\nexport { createActivities };\n",
    expected: [reported(IMPORTS, 'Workflows may only import types from activities')],
  },
  {
    title: 'a workflow value-importing the activities barrel by its index',
    filePath: 'src/workflows/bulk-job.ts',
    code: "import { createActivities } from '../activities/index';\nexport { createActivities };\n",
    expected: [reported(IMPORTS, 'Workflows may only import types from activities')],
  },
  {
    title: 'a workflow value-importing an activity module',
    filePath: 'src/workflows/bulk-job.ts',
    code: "import { toFailure } from '../activities/failures';\nexport { toFailure };\n",
    expected: [reported(IMPORTS, 'Workflows may only import types from activities')],
  },
  {
    title: 'a workflow value-importing the providers and http barrels',
    filePath: 'src/workflows/bulk-job.ts',
    code: "import { operations } from '../providers';\nimport { createHttpClient } from '../http';\nexport { createHttpClient, operations };\n",
    expected: [
      reported(IMPORTS, 'Workflows may only import types from activities'),
      reported(IMPORTS, 'Workflows may only import types from activities'),
    ],
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
    expected: [layer('src/domain', 'domain')],
  },
  {
    title: 'http importing providers',
    filePath: 'src/http/client.ts',
    code: "import { operations } from '../providers/registry';\nexport { operations };\n",
    expected: [layer('src/http', 'http')],
  },
  {
    title: 'a provider operation importing activities',
    filePath: 'src/providers/webex-move-users/operation.ts',
    code: "import { createActivities } from '../../activities';\nexport { createActivities };\n",
    expected: [layer('src/providers', 'providers')],
  },
  {
    title: 'an activity importing the client',
    filePath: 'src/activities/index.ts',
    code: "import { BulkJobClient } from '../client';\nexport { BulkJobClient };\n",
    expected: [layer('src/activities', 'activities')],
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
    expected: [layer('src/codec', 'payload codecs')],
  },
  {
    title: 'the codec importing activities',
    filePath: 'src/codec/encryption-codec.ts',
    code: "import { createActivities } from '../activities';\nexport { createActivities };\n",
    expected: [layer('src/codec', 'payload codecs')],
  },
  {
    title: 'the codec importing a module of the client',
    filePath: 'src/codec/encryption-codec.ts',
    code: "import { startJob } from '../client/job-starter';\nexport { startJob };\n",
    expected: [layer('src/codec', 'payload codecs')],
  },
  {
    title: 'the codec importing a simulator',
    filePath: 'src/codec/encryption-codec.ts',
    code: "import { startSimulator } from '../simulator/server';\nexport { startSimulator };\n",
    expected: [reported(PATHS, 'worker side never imports a simulator'), reported(PATHS, 'The codec imports only')],
  },
  {
    title: 'the codec importing http, a layer below it',
    filePath: 'src/codec/encryption-codec.ts',
    code: "import { createHttpClient } from '../http';\nexport { createHttpClient };\n",
    expected: [reported(PATHS, 'The codec imports only')],
  },
  {
    title: 'the codec importing the claim check',
    filePath: 'src/codec/encryption-codec.ts',
    code: "import { ClaimCheckCodec } from '../claim-check';\nexport { ClaimCheckCodec };\n",
    expected: [layer('src/codec', 'payload codecs')],
  },
  {
    title: 'the claim check importing the codec',
    filePath: 'src/claim-check/blob-store.ts',
    code: "import { EncryptionCodec } from '../codec';\nexport { EncryptionCodec };\n",
    expected: [layer('src/claim-check', 'payload codecs')],
  },
  {
    title: 'the claim check importing the logger',
    filePath: 'src/claim-check/blob-store.ts',
    code: "import { createLogger } from '../logger';\nexport { createLogger };\n",
    expected: [reported(PATHS, 'The claim check imports only')],
  },
  {
    title: 'the codec importing the data converter',
    filePath: 'src/codec/encryption-codec.ts',
    code: "import { buildDataConverter } from '../data-converter';\nexport { buildDataConverter };\n",
    expected: [layer('src/codec', 'payload codecs')],
  },
  {
    title: "the codec server's building code importing the configuration",
    filePath: 'src/codec/server/server.ts',
    code: "import { loadConfig } from '../../config';\nexport { loadConfig };\n",
    expected: [layer('src/codec', 'payload codecs')],
  },
  {
    title: 'a leaf importing another leaf',
    filePath: 'src/job-id.ts',
    code: "import { createLogger } from './logger';\nexport { createLogger };\n",
    expected: [layer('src/job-id.ts', 'leaves')],
  },
  {
    title: 'the simulator core importing a provider',
    filePath: 'src/simulator/server.ts',
    code: "import { operations } from '../providers/registry';\nexport { operations };\n",
    expected: [layer('src/simulator', 'simulator core')],
  },
  {
    title: "the simulator core importing a provider's simulator",
    filePath: 'src/simulator/server.ts',
    code: "import { createWebexMoveUsersSimulator } from '../providers/webex-move-users/simulator';\nexport { createWebexMoveUsersSimulator };\n",
    expected: [layer('src/simulator', 'simulator core')],
  },
  {
    title: 'the configuration importing the simulator core',
    filePath: 'src/config.ts',
    code: "import { startSimulator } from './simulator/server';\nexport { startSimulator };\n",
    expected: [reported(PATHS, 'worker side never imports a simulator')],
  },
  {
    title: 'an activity importing workflow code',
    filePath: 'src/activities/semaphore.ts',
    code: "import { tenantSemaphoreWorkflow } from '../workflows/tenant-semaphore';\nexport { tenantSemaphoreWorkflow };\n",
    expected: [layer('src/activities', 'activities'), reported(PATHS, 'import only workflow definitions')],
  },
  {
    title: 'workflow definitions importing workflow code',
    filePath: 'src/workflows/definitions.ts',
    code: "import { bulkJobWorkflow } from './bulk-job';\nexport { bulkJobWorkflow };\n",
    expected: [
      layer('src/workflows/definitions.ts', 'workflow definitions'),
      reported(PATHS, 'import only workflow definitions'),
    ],
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
    title: 'a workflow importing types from the activities, providers and http barrels',
    filePath: 'src/workflows/bulk-job.ts',
    code: "import type { Activities } from '../activities/index';\nimport type { ProviderOperation } from '../providers';\nimport type { HttpClient } from '../http';\nexport type { Activities, HttpClient, ProviderOperation };\n",
    expected: [],
  },
  {
    title: 'a domain schema module importing zod',
    filePath: 'src/domain/request.ts',
    code: "import { z } from 'zod';\nexport const Id = z.string();\n",
    expected: [],
  },
  {
    title: 'the codec importing the job-id rule',
    filePath: 'src/codec/encryption-codec.ts',
    code: "import { tenantTagOf } from '../job-id';\nexport { tenantTagOf };\n",
    expected: [],
  },
  {
    title: 'an activity importing the semaphore workflow definitions',
    filePath: 'src/activities/semaphore.ts',
    code: "import { acquirePermitSignal } from '../workflows/semaphore-definitions';\nexport { acquirePermitSignal };\n",
    expected: [],
  },
  {
    title: 'the data converter importing both payload codecs',
    filePath: 'src/data-converter/data-converter.ts',
    code: "import { ClaimCheckCodec } from '../claim-check';\nimport { EncryptionCodec } from '../codec';\nexport { ClaimCheckCodec, EncryptionCodec };\n",
    expected: [],
  },
  {
    title: 'the simulator registry importing a provider simulator',
    filePath: 'src/simulator-registry.ts',
    code: "import { createWebexMoveUsersSimulator } from './providers/webex-move-users/simulator';\nexport { createWebexMoveUsersSimulator };\n",
    expected: [],
  },
  {
    title: 'a provider simulator importing the simulator core',
    filePath: PROVIDER_SIMULATOR,
    code: `import { startSimulator } from '${SIMULATOR_CORE_FROM_PROVIDER}';\nexport { startSimulator };\n`,
    expected: [],
  },
];

/** A file of each layer of layers.json that exists, bottom to top: its first module's first own file. */
function layerRepresentatives(): { name: string; module: string; file: string }[] {
  const placements = placementsOf(readLayerTable());
  const files = sourceFilesUnder('src');
  return placements
    .filter(({ temporary }) => temporary === undefined)
    .flatMap(({ module, name }) => {
      const file = files.find((candidate) => placementOf(candidate, placements)?.module === module);
      return file === undefined ? [] : [{ name, module, file }];
    })
    .filter((entry, index, all) => all.findIndex(({ name }) => name === entry.name) === index);
}

/** `from` importing `to` (files from the repository root) as a namespace. */
function importing(from: string, to: string): Snippet {
  const path = posix.relative(posix.dirname(from), to.replace(/\.ts$/, ''));
  return {
    filePath: from,
    code: `import * as other from '${path.startsWith('.') ? path : `./${path}`}';\nexport { other };\n`,
  };
}

/** Each layer importing the next one up, and the reverse. */
const NEIGHBOURS = layerRepresentatives().flatMap((below, index, all) => {
  const above = all[index + 1];
  if (above === undefined) return [];
  return [{ below, above, upward: importing(below.file, above.file), downward: importing(above.file, below.file) }];
});

describe('layer lint', () => {
  let linted: LintedSnippet[] = [];

  beforeAll(async () => {
    const neighbours = NEIGHBOURS.flatMap(({ upward, downward }) => [upward, downward]);
    linted = await lintSnippets({ rules: [PATHS, IMPORTS], snippets: [...WRONG_WAY, ...ALLOWED, ...neighbours] });
  });

  const messagesOf = (snippet: Snippet): readonly Expected[] => {
    const result = linted.find(
      (candidate) => candidate.filePath === snippet.filePath && candidate.code === snippet.code,
    );
    if (!result) throw new Error(`not linted: ${snippet.filePath}`);
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

  it('covers every layer of layers.json that has a file', () => {
    expect(NEIGHBOURS.length).toBeGreaterThan(15);
  });

  test.each(NEIGHBOURS)('reports $below.name importing $above.name, the layer above it', ({ below, upward }) => {
    const { ruleId, says } = layer(below.module, below.name);
    expect(messagesOf(upward)).toEqual(expect.arrayContaining([{ ruleId, says: expect.stringContaining(says) }]));
  });

  test.each(NEIGHBOURS)('allows $above.name importing $below.name, the layer below it', ({ downward }) => {
    expect(messagesOf(downward).filter(({ says }) => says.includes('imports only the layers below it'))).toEqual([]);
  });
});
