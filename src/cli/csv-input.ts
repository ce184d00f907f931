/**
 * CSV → the items of an operation's item array: the header row names item fields, each later row is one item.
 * Empty cells are left out (the field is omitted). Errors name the file, row and column.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { InvalidRequestError } from '../domain/errors';
import { coerceText } from './input-schema';
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

function parseRecords(source: string, text: string): Parsed[] {
  try {
    return parse<Parsed>(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true });
  } catch (err) {
    if (err instanceof CsvError) throw new InvalidRequestError(source, err.message);
    throw err;
  }
}

function checkColumns(source: string, columns: readonly string[], itemSchema: JsonSchema | undefined, field: string) {
  const known = Object.keys(itemSchema?.properties ?? {});
  if (itemSchema?.additionalProperties !== false || known.length === 0) return;
  const unknown = columns.find((column) => !known.includes(column));
  if (unknown !== undefined) {
    const problem = `not a field of ${field}[] items (fields: ${known.join(', ')})`;
    throw new InvalidRequestError(`${source}: line 1, column "${unknown}"`, problem);
  }
}

/**
 * The items of a CSV text. Thrown: `InvalidRequestError` naming the file and line for malformed CSV, a column that
 * is not an item field, or a file without rows.
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
  const items = records.map(({ record }) =>
    Object.fromEntries(
      Object.entries(record)
        .filter(([, value]) => value !== '')
        .map(([column, value]) => [column, coerceText(value, itemSchema?.properties?.[column])]),
    ),
  );
  // `info.lines` is the line the record ends on; records here are one line each unless a quoted cell spans lines.
  return { items, lines: records.map((r) => r.info.lines) };
}
