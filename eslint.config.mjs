import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

/*
 * Layers. Dependencies point one way: `cli | api → client → workflow definitions` and
 * `worker → activities → providers → http → domain`. `import-x/no-restricted-paths` enforces it with zones
 * ("files in `target` may not import from `from`"), so a wrong-way import fails lint:
 *   - domain imports only domain; http only http and domain; providers only providers, http and domain.
 *   - Only a provider's simulator (src/providers/<op>/simulator/) imports the simulator core (src/simulator);
 *     the operation side never imports a simulator, and neither does the worker side (worker, activities,
 *     workflows, http, domain, client, api): the worker must not load test code.
 *   - Outside src/workflows, code imports only workflow definitions (`definitions.ts`, `<x>-definitions.ts`:
 *     messages, search attribute keys, types), never workflow code; the worker bundles workflows by path.
 *   - Workflows import only workflows, domain, and types from activities, providers and http.
 *   - Domain modules that use zod (DOMAIN_SCHEMA_MODULES) are not imported by workflows nor by the rest of
 *     domain, so zod never reaches a workflow bundle.
 *   - activities, client, api and cli keep to their side: activities never import a front end or the worker;
 *     the client never activities, worker, api or cli; api and cli never activities or the worker.
 *   - The payload codec (src/codec) is loaded by every process that talks to Temporal: it imports only the claim
 *     check, domain, the job-id rule of the client (job-id.ts), configuration and the logger.
 * Workflow code and src/domain (bundled into workflows) also may not import Node builtins (`no-restricted-imports`
 * below, generated from `builtinModules`).
 */

/** The top-level entries of src/ (folders and files); `srcExcept(...)` lists all but a layer's allowed ones. */
const SRC_ENTRIES = readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() || entry.name.endsWith('.ts'))
  .map((entry) => entry.name);
const srcExcept = (...allowed) => SRC_ENTRIES.filter((name) => !allowed.includes(name)).map((name) => `src/${name}`);

/** A provider's simulator: loaded by tests, the demo and the simulator server, never by the worker. */
const PROVIDER_SIMULATOR = ['src/providers/*/simulator/**'];
/** Provider code that the worker loads: everything under src/providers but the simulators. */
const PROVIDER_OPERATION = ['src/providers/*.ts', 'src/providers/*/*.ts', 'src/providers/*/!(simulator)/**/*.ts'];
const WORKER_SIDE = [
  'src/worker.ts',
  'src/worker-factory.ts',
  'src/activities/**',
  'src/workflows/**',
  'src/http/**',
  'src/domain/**',
  'src/client/**',
  'src/api/**',
  'src/codec/**',
  'src/claim-check/**',
];
const WORKFLOW_DEFINITIONS = 'src/workflows/?(*-)definitions.ts';
/** src/domain modules that import zod: workflows and the rest of domain must not import them. */
const DOMAIN_SCHEMA_MODULES = ['request'];
const DOMAIN_SCHEMA_FILES = DOMAIN_SCHEMA_MODULES.map((name) => `src/domain/${name}.ts`);
const WORKER_ONLY = ['src/worker.ts', 'src/worker-factory.ts'];

const LAYER_ZONES = [
  { target: 'src/domain', from: srcExcept('domain'), message: 'Domain imports nothing internal but domain.' },
  { target: 'src/http', from: srcExcept('http', 'domain'), message: 'http imports only domain.' },
  {
    target: 'src/providers',
    from: srcExcept('providers', 'http', 'domain', 'simulator'),
    message: 'Provider code imports only http and domain.',
  },
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
    target: 'src/activities',
    from: ['src/client', 'src/api', 'src/cli', 'src/dev', ...WORKER_ONLY],
    message: 'Activities never import a front end or the worker.',
  },
  {
    target: 'src/client',
    from: ['src/activities', 'src/api', 'src/cli', 'src/dev', ...WORKER_ONLY],
    message: 'The client never imports activities, the worker, api or cli.',
  },
  {
    target: 'src/codec',
    from: srcExcept('codec', 'claim-check', 'domain', 'client', 'config.ts', 'logger.ts'),
    message: 'The codec imports only claim-check, domain, client/job-id.ts, config and the logger.',
  },
  {
    target: 'src/codec',
    from: ['src/client/!(job-id).ts', 'src/client/*/**'],
    message: 'The codec imports only claim-check, domain, client/job-id.ts, config and the logger.',
  },
  {
    target: ['src/api', 'src/cli'],
    from: ['src/activities', ...WORKER_ONLY],
    message: 'api and cli never import activities or the worker: they go through the client.',
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
const DOMAIN_WHY = 'src/domain is bundled into workflows';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.tools/',
      '.data/',
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
      'import-x/no-cycle': 'error',
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
            group: ['**/providers/**', '**/http/**', '**/activities/*', '!**/activities/index'],
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
