/**
 * CSV → the items of an operation's item array: the header row names item fields, each later row is one item.
 * Empty cells are left out (the field is omitted). Errors name the file, row and column, and quote a header only
 * when it is (nearly) a field name (`column-name.ts`).
 */
import { CsvError, parse } from 'csv-parse/sync';
import { InvalidRequestError } from '../domain/errors';
import { columnRef, nearestField } from './column-name';
import { checkNestedColumns, itemOfCells, knownColumns } from './csv-columns';
import type { JsonSchema } from './input-schema';

export interface CsvItems {
  readonly items: Record<string, unknown>[];
  /** The header's column names, in order (for naming a column by position: `column-name.ts`). */
  readonly columns: readonly string[];
  /** The file line of each item (1-based; line 1 is the header). */
  readonly lines: readonly number[];
}

interface Parsed {
  readonly record: Record<string, string>;
  readonly info: { readonly lines: number };
}

/**
 * The header row as column names. Thrown when a name repeats (csv-parse would keep only the last column), naming the
 * two positions (and the name only if it is one of `fields`: `column-name.ts`).
 */
function headerOf(source: string, names: readonly string[], fields: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (const [index, name] of names.entries()) {
    const first = seen.get(name);
    if (first !== undefined) {
      const which = fields.includes(name) ? ` (${JSON.stringify(name)})` : '';
      throw new InvalidRequestError(`${source}: line 1, column ${index + 1}`, `repeats column ${first + 1}${which}`);
    }
    seen.set(name, index);
  }
  return [...names];
}

/**
 * csv-parse's messages quote the offending record, which may be a line of any file the CLI was pointed at (a
 * password hash, say): the error says where and what kind of problem, never what the line holds.
 */
function csvProblem(source: string, err: CsvError): InvalidRequestError {
  const { lines } = err as CsvError & { lines?: unknown };
  const where = typeof lines === 'number' ? `${source}: line ${lines}` : source;
  return new InvalidRequestError(where, `not valid CSV (${err.code})`);
}

function parseRecords(source: string, text: string, fields: readonly string[]) {
  let columns: string[] = [];
  try {
    const records = parse<Parsed>(text, {
      columns: (names: string[]) => (columns = headerOf(source, names, fields)),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
    });
    return { records, columns };
  } catch (err) {
    if (err instanceof CsvError) throw csvProblem(source, err);
    throw err;
  }
}

/** The headers a CSV may name: the item schema's fields, and `parent.child` for nested objects (csv-columns.ts). */
export function itemFields(itemSchema: JsonSchema | undefined): string[] {
  return knownColumns(itemSchema);
}

function checkColumns(source: string, columns: readonly string[], itemSchema: JsonSchema | undefined, field: string) {
  checkNestedColumns(source, columns, itemSchema);
  const known = itemFields(itemSchema);
  if (itemSchema?.additionalProperties !== false || known.length === 0) return;
  const index = columns.findIndex((column) => !known.includes(column));
  const unknown = columns[index];
  if (unknown === undefined) return;
  const near = nearestField(unknown, known);
  const hint = near === undefined ? '' : `; did you mean "${near}"?`;
  throw new InvalidRequestError(
    `${source}: line 1, ${columnRef(unknown, index, known)}`,
    `not a field of ${field}[] items${hint} (fields: ${known.join(', ')})`,
  );
}

/**
 * The items of a CSV text. Thrown: `InvalidRequestError` naming the file and line (never quoting it) for
 * malformed CSV, a repeated or unknown column, or a file without rows. Cell values are checked afterwards, by the
 * request validation every door shares (the formula-cell rule included), and located by row and column.
 */
export function parseCsvItems(
  source: string,
  text: string,
  itemSchema: JsonSchema | undefined,
  field: string,
): CsvItems {
  const { records, columns } = parseRecords(source, text, itemFields(itemSchema));
  if (records.length === 0) throw new InvalidRequestError(source, 'no rows after the header');
  checkColumns(source, columns, itemSchema, field);
  const items = records.map(({ record }) => itemOfCells(record, itemSchema));
  // `info.lines` is the line the record ends on; records here are one line each unless a quoted cell spans lines.
  return { items, columns, lines: records.map((r) => r.info.lines) };
}
