import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

/*
 * Layers (docs/architecture.md#layers). layers.json lists the layers of src/ bottom to top; a module (a folder or a
 * file) imports only modules of the layers below its own, never a higher layer nor another module of its own layer.
 * `import-x/no-restricted-paths` enforces it with zones ("files in `target` may not import from `from`") made from
 * that table, so a wrong-way import fails lint; test/unit/import-graph.test.ts checks the same table against every
 * import of src/. Type-only imports count like any other. The exceptions are entries of the table:
 *   - The workflow definitions (src/workflows/definitions.ts, semaphore-definitions.ts) are a layer of their own
 *     below activities, which signal the semaphore workflow with them.
 *   - Temporary (`temporary` in layers.json, none now): a module on its way to a new home sits in the layer of that
 *     home until it moves; the import-graph test fails once it has moved and is still listed.
 * A few rules are stricter than the order (the zones after the layer zones):
 *   - Of src/providers, only a provider's simulator (src/providers/<op>/simulator/) imports the simulator core; the
 *     operation side never imports a simulator, and neither does anything the worker, the API or the codec server
 *     load: they must not load test code.
 *   - Outside src/workflows, code imports only workflow definitions (`definitions.ts`, `<x>-definitions.ts`:
 *     messages, search attribute keys, types), never workflow code; the worker bundles workflows by path.
 *   - Workflows import only workflows, domain, and types from activities, providers and http.
 *   - Domain modules that use zod (DOMAIN_SCHEMA_MODULES) are not imported by workflows nor by the rest of
 *     domain, so zod never reaches a workflow bundle.
 *   - The client never imports activities; api and cli never import activities or the worker.
 *   - The payload codecs (src/codec, src/claim-check) are loaded by every process that talks to Temporal: of the
 *     layers below them they import only domain, shared files, the job-id rule and the logger.
 * Workflow code and src/domain (bundled into workflows) also may not import Node builtins (`no-restricted-imports`
 * below, generated from `builtinModules`).
 */

/** The top-level entries of src/ (folders and files); `srcExcept(...)` lists all but the ones named. */
const SRC_ENTRIES = readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() || entry.name.endsWith('.ts'))
  .map((entry) => entry.name);
const srcExcept = (...allowed) => SRC_ENTRIES.filter((name) => !allowed.includes(name)).map((name) => `src/${name}`);

/** The layer table: `{ layers: [{ name, modules }], temporary: [{ module, layer, until, reason }] }`. */
const LAYER_TABLE = JSON.parse(readFileSync(new URL('./layers.json', import.meta.url), 'utf8'));
const layerIndex = (name) => {
  const index = LAYER_TABLE.layers.findIndex((layer) => layer.name === name);
  if (index < 0) throw new Error(`layers.json: no layer named ${name}`);
  return index;
};
/**
 * Every module with the index of its layer. A temporary entry places a module in the layer its new home will
 * have; top-level entries of src/ that the table does not
 * place sit above every layer, so nothing may import them until they are placed.
 */
const LAYER_OF = new Map([
  ...LAYER_TABLE.layers.flatMap((layer, index) => layer.modules.map((module) => [module, index])),
  ...LAYER_TABLE.temporary.map(({ module, layer }) => [module, layerIndex(layer)]),
]);
for (const module of srcExcept()) if (!LAYER_OF.has(module)) LAYER_OF.set(module, Infinity);
const MODULES = [...LAYER_OF.keys()];
const isInside = (module, folder) => module.startsWith(`${folder}/`);
/** Modules listed inside `folder`: files of it that belong to another layer. */
const nestedIn = (folder) => MODULES.filter((module) => isInside(module, folder));

/** The files of `module` itself: without the files of it placed in other layers (direct children only). */
function ownFiles(module) {
  const names = nestedIn(module).map((file) => file.slice(module.length + 1));
  const bad = names.filter((name) => name.includes('/') || !name.endsWith('.ts'));
  if (bad.length > 0) throw new Error(`layers.json: only direct .ts children can leave ${module}: ${bad.join(', ')}`);
  if (names.length === 0) return [module];
  return [`${module}/!(${names.map((name) => name.slice(0, -3)).join('|')}).ts`, `${module}/*/**`];
}

/** The zones of `module`: every module not of a lower layer is refused to it (a folder keeping its lower files). */
function layerZones(module) {
  const own = LAYER_OF.get(module);
  const name = LAYER_TABLE.layers[own].name;
  const message = `Layers: ${module} (${name}) imports only the layers below it (docs/architecture.md#layers).`;
  const target = ownFiles(module);
  const refused = MODULES.filter((other) => other !== module && !(LAYER_OF.get(other) < own));
  const lowerInside = (folder) => nestedIn(folder).filter((file) => LAYER_OF.get(file) < own);
  const whole = refused.filter((other) => lowerInside(other).length === 0);
  const zones = whole.length > 0 ? [{ target, from: whole, message }] : [];
  for (const folder of refused.filter((other) => lowerInside(other).length > 0)) {
    const except = lowerInside(folder).map((file) => file.slice(folder.length + 1));
    zones.push({ target, from: [folder], except, message });
  }
  return zones;
}

/** A provider's simulator: loaded by tests, the demo and the simulator server, never by the worker. */
const PROVIDER_SIMULATOR = ['src/providers/*/simulator/**'];
/** Provider code that the worker loads: everything under src/providers but the simulators. */
const PROVIDER_OPERATION = ['src/providers/*.ts', 'src/providers/*/*.ts', 'src/providers/*/!(simulator)/**/*.ts'];
/** What processes other than the simulator's and the dev tools load: the worker, the API, the codec server, … */
const WORKER_SIDE = srcExcept('simulator', 'simulator-registry.ts', 'simulator-server.ts', 'providers', 'dev', 'cli');
const WORKFLOW_DEFINITIONS = 'src/workflows/?(*-)definitions.ts';
/** src/domain modules that import zod: workflows and the rest of domain must not import them. */
const DOMAIN_SCHEMA_MODULES = ['request'];
const DOMAIN_SCHEMA_FILES = DOMAIN_SCHEMA_MODULES.map((name) => `src/domain/${name}.ts`);
const WORKER_ONLY = ['src/worker.ts', 'src/worker-factory.ts'];
/** The modules of the layers below `module` but the ones named. */
const lowerExcept = (module, ...allowed) =>
  MODULES.filter((other) => LAYER_OF.get(other) < LAYER_OF.get(module) && !allowed.includes(other));

const LAYER_ZONES = [
  ...MODULES.filter((module) => Number.isFinite(LAYER_OF.get(module))).flatMap(layerZones),
  {
    target: PROVIDER_OPERATION,
    from: ['src/simulator/**'],
    message: "Only a provider's simulator (src/providers/<op>/simulator/) imports the simulator core.",
  },
  {
    target: PROVIDER_OPERATION,
    from: PROVIDER_SIMULATOR,
    message: 'The operation side never imports a simulator: the worker would load test code.',
  },
  {
    target: WORKER_SIDE,
    from: ['src/simulator/**', 'src/simulator-*.ts', ...PROVIDER_SIMULATOR],
    message: 'The worker side never imports a simulator: it is test and demo code.',
  },
  {
    target: [...srcExcept('workflows'), WORKFLOW_DEFINITIONS],
    from: ['src/workflows/**'],
    // Exceptions of a glob zone are matched as given, against absolute paths.
    except: [join(import.meta.dirname, WORKFLOW_DEFINITIONS)],
    message: 'Outside src/workflows, import only workflow definitions (*definitions.ts), never workflow code.',
  },
  {
    target: 'src/workflows',
    from: srcExcept('workflows', 'domain', 'activities', 'providers', 'http'),
    message: 'Workflows import only workflows, domain, and types from activities, providers and http.',
  },
  {
    target: ['src/workflows/**', `src/domain/!(${DOMAIN_SCHEMA_MODULES.join('|')}).ts`],
    from: DOMAIN_SCHEMA_FILES,
    message: 'This domain module imports zod: workflows (and the domain they import) must not import it.',
  },
  {
    target: 'src/client',
    from: ['src/activities'],
    message: 'The client never imports activities: it starts and reads workflows, it never runs their steps.',
  },
  {
    target: ['src/api', 'src/cli'],
    from: ['src/activities', ...WORKER_ONLY],
    message: 'api and cli never import activities or the worker: they go through the client.',
  },
  {
    target: 'src/codec',
    from: lowerExcept('src/codec', 'src/domain', 'src/fs', 'src/job-id.ts', 'src/logger.ts'),
    message: 'The codec imports only domain, fs, job-id.ts and the logger of the layers below it.',
  },
  {
    target: 'src/claim-check',
    from: lowerExcept('src/claim-check', 'src/domain', 'src/fs'),
    message: 'The claim check imports only domain and fs of the layers below it.',
  },
];

/**
 * Every Node builtin, with and without `node:`. `builtinModules` leaves out the modules that exist only with the
 * prefix before Node 23, hence the three named.
 */
const NODE_BUILTINS = [
  ...new Set([
    ...builtinModules.flatMap((name) => (name.startsWith('node:') ? [name] : [name, `node:${name}`])),
    'node:sea',
    'node:sqlite',
    'node:test',
  ]),
];
/** `@typescript-eslint/no-restricted-imports` options: the builtins plus the named packages. */
const restrictedImports = (why, packages, patterns = []) => [
  'error',
  {
    paths: [
      ...NODE_BUILTINS.map((name) => ({ name, message: `${why}: no Node builtins.` })),
      ...packages.map(({ name, ...rest }) => ({ name, message: `${why}: no ${name}.`, ...rest })),
    ],
    patterns,
  },
];
const WORKFLOW_WHY = 'Workflow code is deterministic and bundled apart from Node';
/** Relative imports of activities, providers and http, folders or barrels: workflows may import only their types. */
const WORKFLOW_TYPE_ONLY_IMPORTS = String.raw`^\.\.?/(?:.*/)?(?:activities|providers|http)(?:/.*)?$`;
const DOMAIN_WHY = 'src/domain is bundled into workflows';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.tools/',
      '.data/',
      '.test-dist/',
      'coverage/',
      'reports/',
      'bench/results/',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      // The default resolver knows no `.ts`: without this, import-x rules resolve nothing and pass silently.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json', '.node'] })],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Import cycles: test/unit/import-cycles.test.ts checks the whole graph at once (import-x/no-cycle took
      // almost half of lint's time to do it file by file).
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: LAYER_ZONES }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictedImports(
        WORKFLOW_WHY,
        [{ name: 'pino' }, { name: 'zod' }],
        [
          {
            // Any relative path into these folders, their barrels (`../activities`, `../activities/index`) included.
            regex: WORKFLOW_TYPE_ONLY_IMPORTS,
            allowTypeImports: true,
            message: 'Workflows may only import types from activities, providers and http.',
          },
        ],
      ),
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: DOMAIN_SCHEMA_FILES,
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictedImports(DOMAIN_WHY, [
        { name: 'pino' },
        {
          name: 'zod',
          allowTypeImports: true,
          message: `${DOMAIN_WHY}: zod only in the modules listed in DOMAIN_SCHEMA_MODULES (eslint.config.mjs).`,
        },
      ]),
    },
  },
  {
    files: DOMAIN_SCHEMA_FILES,
    rules: { '@typescript-eslint/no-restricted-imports': restrictedImports(DOMAIN_WHY, [{ name: 'pino' }]) },
  },
  {
    files: ['src/cli/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
);
