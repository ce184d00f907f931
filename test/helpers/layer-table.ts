/**
 * The layer table of src/ (layers.json, docs/architecture.md#layers) as tests read it, and the imports of a source
 * file. eslint.config.mjs reads the same file for its zones.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix, resolve, sep } from 'node:path';
import ts from 'typescript';
import { z } from 'zod';

const ROOT = resolve(__dirname, '..', '..');

const ModulePathSchema = z.string().regex(/^src\/[^/].*[^/]$/, 'a path under src/, without a trailing slash');

const LayerTableSchema = z.object({
  layers: z
    .array(
      z.object({
        name: z.string().min(1),
        modules: z.array(ModulePathSchema).min(1),
        exception: z.string().min(1).optional(),
      }),
    )
    .min(1),
  temporary: z.array(
    z.object({
      module: ModulePathSchema,
      layer: z.string().min(1),
      until: ModulePathSchema,
      reason: z.string().min(1),
    }),
  ),
});
export type LayerTable = z.infer<typeof LayerTableSchema>;

/** The table as written in layers.json. Thrown when it does not parse. */
export function readLayerTable(): LayerTable {
  return LayerTableSchema.parse(JSON.parse(readFileSync(join(ROOT, 'layers.json'), 'utf8')));
}

/** Where a module sits: its layer's index (0 is the bottom) and name. */
export interface Placement {
  readonly module: string;
  readonly layer: number;
  readonly name: string;
  /** Set for a temporary entry: why it is placed apart from its folder. */
  readonly temporary?: string;
}

/** Every module of `table` with its layer, the temporary entries included. Thrown when a module is listed twice. */
export function placementsOf(table: LayerTable): Placement[] {
  const placements: Placement[] = table.layers.flatMap(({ name, modules }, layer) =>
    modules.map((module) => ({ module, layer, name })),
  );
  for (const { module, layer: name, reason } of table.temporary) {
    const layer = table.layers.findIndex((candidate) => candidate.name === name);
    if (layer < 0) throw new Error(`layers.json: ${module} names no layer of the table (${name})`);
    placements.push({ module, layer, name, temporary: reason });
  }
  const twice = placements.filter((p, i) => placements.findIndex((q) => q.module === p.module) !== i);
  if (twice.length > 0) throw new Error(`layers.json: listed twice: ${twice.map((p) => p.module).join(', ')}`);
  return placements;
}

/** The placement of `file` (a path from the repository root, with `/`): the most specific module it is in. */
export function placementOf(file: string, placements: readonly Placement[]): Placement | undefined {
  return placements
    .filter(({ module }) => file === module || file.startsWith(`${module}/`))
    .sort((a, b) => b.module.length - a.module.length)[0];
}

/** One import of a source file, by its written specifier. */
export interface ImportSite {
  readonly specifier: string;
  readonly typeOnly: boolean;
}

/** `require(…)`, `require.resolve(…)` (a module loaded by path) and `import(…)`. */
function isLoadCall(callee: ts.Expression): boolean {
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === 'require';
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'require' &&
    callee.name.text === 'resolve'
  );
}

function isTypeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  if (clause === undefined) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return (
    clause.name === undefined &&
    named !== undefined &&
    ts.isNamedImports(named) &&
    named.elements.length > 0 &&
    named.elements.every((element) => element.isTypeOnly)
  );
}

/**
 * Every module `text` names, parsed with the TypeScript compiler: import and export-from declarations, `import x =
 * require(…)`, `require(…)`, `require.resolve(…)`, `import(…)` and `import('…')` types.
 */
export function importsOf(fileName: string, text: string): ImportSite[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const sites: ImportSite[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      sites.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyImport(node.importClause) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      sites.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const { expression } = node.moduleReference;
      if (ts.isStringLiteral(expression)) sites.push({ specifier: expression.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && isLoadCall(node.expression)) {
      const [first] = node.arguments;
      if (first !== undefined && ts.isStringLiteralLike(first)) sites.push({ specifier: first.text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const { literal } = node.argument;
      if (ts.isStringLiteral(literal)) sites.push({ specifier: literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

/**
 * The file a relative `specifier` of `fromFile` names (paths from the repository root, with `/`), as Node and
 * TypeScript resolve it here: `<path>.ts`, `<path>/index.ts`, or the path itself. Undefined for a package, or when
 * no such file exists.
 */
export function resolveImport(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') {
    return undefined;
  }
  const base = posix.join(posix.dirname(fromFile), specifier);
  return [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => isFile(join(ROOT, candidate)));
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** Every `.ts` file under `dir` (from the repository root), with `/`. */
export function sourceFilesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map((path) => posix.join(dir, path.split(sep).join('/')))
    .filter((path) => path.endsWith('.ts') && isFile(join(ROOT, path)))
    .sort();
}

/** The text of `file` (from the repository root). */
export function sourceOf(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

/** True when `module` (a file or folder, from the repository root) exists. */
export function moduleExists(module: string): boolean {
  return existsSync(join(ROOT, module));
}
