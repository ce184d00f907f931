/**
 * The layers of src/ hold in the code: every import in src/ runs to a lower layer of layers.json (or stays inside its
 * module), the table places every file of src/, and docs/architecture.md#layers lists the same layers. Type-only
 * imports count like any other. ESLint enforces the same table (eslint.config.mjs); this test reads the code itself,
 * with the TypeScript parser, so a zone that matched nothing could not hide a wrong-way import.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  importsOf,
  moduleExists,
  placementOf,
  placementsOf,
  readLayerTable,
  resolveImport,
  sourceFilesUnder,
  sourceOf,
} from '../helpers/layer-table';
import type { Placement } from '../helpers/layer-table';

const ROOT = join(__dirname, '..', '..');

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

/** The edges that break the layer order: to a higher layer, or to another module of the same layer. */
function wrongWay(edges: readonly Edge[], placements: readonly Placement[]): string[] {
  return edges.flatMap(({ from, to, typeOnly }) => {
    const source = placementOf(from, placements);
    const target = placementOf(to, placements);
    if (source === undefined || target === undefined) return [`${from} → ${to}: not in the layer table`];
    if (source.module === target.module || target.layer < source.layer) return [];
    const why = target.layer === source.layer ? 'same layer' : 'higher layer';
    return [`${from} → ${to}${typeOnly ? ' (type only)' : ''}: ${source.name} → ${target.name} (${why})`];
  });
}

/** The layer table of docs/architecture.md (## Layers): each row's layer name and the src/ paths it names. */
function documentedLayers(): { name: string; modules: string[] }[] {
  const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const section = doc.slice(doc.indexOf('\n## Layers\n')).split(/\n## /)[1] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\| \d+ /.test(line))
    .map((line) => {
      const [, , name = '', modules = ''] = line.split('|').map((cell) => cell.trim());
      return { name, modules: [...modules.matchAll(/`(src\/[^`]+)`/g)].map((m) => m[1] ?? '') };
    });
}

describe('the import graph of src/', () => {
  const table = readLayerTable();
  const placements = placementsOf(table);
  const files = sourceFilesUnder('src');
  const sites = files.flatMap((from) =>
    importsOf(from, sourceOf(from)).map((site) => ({ from, ...site, to: resolveImport(from, site.specifier) })),
  );
  const relative = sites.filter(({ specifier }) => specifier.startsWith('.'));
  const edges: Edge[] = relative.flatMap(({ from, to, typeOnly }) =>
    to === undefined ? [] : [{ from, to, typeOnly }],
  );

  it('resolves every relative import of src/ to a file', () => {
    expect(relative.filter(({ to }) => to === undefined).map(({ from, specifier }) => `${from}: ${specifier}`)).toEqual(
      [],
    );
    expect(edges.length).toBeGreaterThan(500);
  });

  it('places every file of src/ in a layer', () => {
    expect(files.filter((file) => placementOf(file, placements) === undefined)).toEqual([]);
  });

  it('lists only modules that exist, but for the new homes of temporary entries', () => {
    const awaited = new Set(table.temporary.map(({ until }) => until));
    const missing = placements.filter(({ module }) => !moduleExists(module)).map(({ module }) => module);
    expect(missing.filter((module) => !awaited.has(module))).toEqual([]);
  });

  it('keeps a temporary entry only until its module moved', () => {
    const stale = table.temporary.filter(({ module, until }) => !moduleExists(module) || moduleExists(until));
    expect(stale.map(({ module, until }) => `${module} (until ${until} exists): remove it from layers.json`)).toEqual(
      [],
    );
  });

  it('has no import from a lower layer to a higher one, nor between the modules of one layer', () => {
    expect(wrongWay(edges, placements)).toEqual([]);
  });

  it('would report imports to a higher layer or a module of the same layer', () => {
    const edge = (from: string, to: string): Edge => ({ from, to, typeOnly: false });
    const wrong = wrongWay(
      [
        edge('src/http/client.ts', 'src/domain/errors.ts'),
        edge('src/domain/job.ts', 'src/http/client.ts'),
        edge('src/codec/encryption-codec.ts', 'src/claim-check/index.ts'),
        edge('src/activities/semaphore.ts', 'src/workflows/semaphore-definitions.ts'),
        edge('src/activities/semaphore.ts', 'src/workflows/bulk-job.ts'),
        edge('src/workflows/bulk-job.ts', 'src/workflows/definitions.ts'),
        edge('src/simulator/server.ts', 'src/providers/registry.ts'),
        { from: 'src/workflows/definitions.ts', to: 'src/activities/index.ts', typeOnly: true },
      ],
      placements,
    );
    expect(wrong).toEqual([
      'src/domain/job.ts → src/http/client.ts: domain → http (higher layer)',
      'src/codec/encryption-codec.ts → src/claim-check/index.ts: payload codecs → payload codecs (same layer)',
      'src/activities/semaphore.ts → src/workflows/bulk-job.ts: activities → workflows (higher layer)',
      'src/simulator/server.ts → src/providers/registry.ts: simulator core → providers (higher layer)',
      'src/workflows/definitions.ts → src/activities/index.ts (type only): workflow definitions → activities (higher layer)',
    ]);
  });

  it('reads type-only imports, export-from and loading by path', () => {
    const text = [
      "import type { A } from './a';",
      "import { type B } from './b';",
      "import { C, type D } from './c';",
      "export { E } from './e';",
      "export type { F } from './f';",
      "const g = require.resolve('./g');",
      "type H = import('./h').H;",
    ].join('\n');
    expect(importsOf('x.ts', text)).toEqual([
      { specifier: './a', typeOnly: true },
      { specifier: './b', typeOnly: true },
      { specifier: './c', typeOnly: false },
      { specifier: './e', typeOnly: false },
      { specifier: './f', typeOnly: true },
      { specifier: './g', typeOnly: false },
      { specifier: './h', typeOnly: true },
    ]);
  });
});

describe('the layer table of docs/architecture.md', () => {
  const table = readLayerTable();

  it('lists the layers of layers.json, bottom to top, with their modules', () => {
    expect(documentedLayers()).toEqual(table.layers.map(({ name, modules }) => ({ name, modules })));
  });

  it('names every temporary entry of layers.json', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
    expect(table.temporary.filter(({ module }) => !doc.includes(`\`${module}\``))).toEqual([]);
  });
});
