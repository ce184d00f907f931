/**
 * CSV → the items of an operation's item array: the header row names item fields, each later row is one item.
 * Empty cells are left out (the field is omitted). Errors name the file, row and column.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { InvalidRequestError } from '../domain/errors';
import { checkNestedColumns, itemOfCells, knownColumns } from './csv-columns';
import type { JsonSchema } from './input-schema';

export interface CsvItems {
  readonly items: Record<string, unknown>[];
  /** The file line of each item (1-based; line 1 is the header). */
  readonly lines: readonly number[];
}

interface Parsed {
  readonly record: Record<string, string>;
  readonly info: { readonly lines: number };
}

/** The header row as column names. Thrown when a name repeats (csv-parse would keep only the last column). */
function headerOf(source: string, names: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const [index, name] of names.entries()) {
    if (seen.has(name)) {
      throw new InvalidRequestError(
        `${source}: line 1, column ${index + 1}`,
        `the column ${JSON.stringify(name)} repeats`,
      );
    }
    seen.add(name);
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

function parseRecords(source: string, text: string): Parsed[] {
  try {
    return parse<Parsed>(text, {
      columns: (names: string[]) => headerOf(source, names),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
    });
  } catch (err) {
    if (err instanceof CsvError) throw csvProblem(source, err);
    throw err;
  }
}

/**
 * A cell a spreadsheet would run as a formula (`=…`, `@…`, or `+`/`-` followed by more than a number): refused,
 * since the values travel on to provider consoles and exports. Phone numbers and signed numbers pass.
 */
function isFormula(value: string): boolean {
  if (value.startsWith('=') || value.startsWith('@')) return true;
  return /^[+-]/.test(value) && !/^[+-][\d\s().-]*$/.test(value);
}

function checkColumns(source: string, columns: readonly string[], itemSchema: JsonSchema | undefined, field: string) {
  checkNestedColumns(source, columns, itemSchema);
  const known = knownColumns(itemSchema);
  if (itemSchema?.additionalProperties !== false || known.length === 0) return;
  const unknown = columns.find((column) => !known.includes(column));
  if (unknown !== undefined) {
    const problem = `not a field of ${field}[] items (fields: ${known.join(', ')})`;
    throw new InvalidRequestError(`${source}: line 1, column "${unknown}"`, problem);
  }
}

function checkFormulas(source: string, records: readonly Parsed[]): void {
  for (const { record, info } of records) {
    const column = Object.keys(record).find((name) => isFormula(record[name] ?? ''));
    if (column !== undefined) {
      throw new InvalidRequestError(
        `${source}: line ${info.lines}, column "${column}"`,
        'starts like a spreadsheet formula (=, @, or + / - before text); remove the leading character',
      );
    }
  }
}

/**
 * The items of a CSV text. Thrown: `InvalidRequestError` naming the file and line (never quoting it) for
 * malformed CSV, a repeated or unknown column, a cell that starts like a formula, or a file without rows.
 */
export function parseCsvItems(
  source: string,
  text: string,
  itemSchema: JsonSchema | undefined,
  field: string,
): CsvItems {
  const records = parseRecords(source, text);
  const first = records[0];
  if (!first) throw new InvalidRequestError(source, 'no rows after the header');
  checkColumns(source, Object.keys(first.record), itemSchema, field);
  checkFormulas(source, records);
  const items = records.map(({ record }) => itemOfCells(record, itemSchema));
  // `info.lines` is the line the record ends on; records here are one line each unless a quoted cell spans lines.
  return { items, lines: records.map((r) => r.info.lines) };
}
