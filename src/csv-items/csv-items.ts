/**
 * CSV → the items of an operation's item array: the header row names item fields, each later row is one item.
 * Empty cells are left out (the field is omitted). The text is read as a stream, chunk by chunk, so neither the CLI
 * nor the API holds a whole file as text beside its items; a door bounds what it reads through `onChunk` and
 * `maxRows`. Errors name the source, line and column, and quote a header only when it is (nearly) a field name
 * (`column-name.ts`).
 */
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { Parser } from 'csv-parse';
import { InvalidRequestError, isError } from '../domain/errors';
import { columnRef, nearestField } from './column-name';
import { checkNestedColumns, itemOfCells, knownColumns } from './csv-columns';
import type { JsonSchema } from './input-schema';

export interface CsvItems {
  readonly items: Record<string, unknown>[];
  /** The header's column names, in order (for naming a column by position: `column-name.ts`). */
  readonly columns: readonly string[];
  /** The line of each item (1-based; line 1 is the header). */
  readonly lines: readonly number[];
}

/** What to read and how far. */
export interface CsvReading {
  /** Names the text in errors: a file name, `stdin`, `body`. */
  readonly source: string;
  /** The JSON Schema of one item of the list the rows fill. */
  readonly itemSchema: JsonSchema | undefined;
  /** The item list the rows fill (`users`). */
  readonly field: string;
  /** Sees each chunk before it is parsed; throws to stop reading (a door's size bound). */
  readonly onChunk?: (chunk: Buffer | string) => void;
  /** Most rows read; one more stops reading with the error of `tooManyRows`. */
  readonly maxRows?: number;
  readonly tooManyRows?: (maxRows: number) => Error;
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

/** The headers a CSV may name: the item schema's fields, and `parent.child` for nested objects (csv-columns.ts). */
export function itemFields(itemSchema: JsonSchema | undefined): string[] {
  return knownColumns(itemSchema);
}

function checkColumns(reading: CsvReading, columns: readonly string[]): void {
  const { source, itemSchema, field } = reading;
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
 * csv-parse's messages quote the offending record, which may be a line of any file the CLI was pointed at (a
 * password hash, say): the error says where and what kind of problem, never what the line holds. Other errors (a
 * door's bound, a refused header) pass as they are.
 */
function csvProblem(source: string, err: unknown): unknown {
  if (!(err instanceof CsvError)) return err;
  const { lines } = err as CsvError & { lines?: unknown };
  const where = typeof lines === 'number' ? `${source}: line ${lines}` : source;
  return new InvalidRequestError(where, `not valid CSV (${err.code})`);
}

async function* metered(
  chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  onChunk: ((chunk: Buffer | string) => void) | undefined,
): AsyncGenerator<Buffer | string> {
  for await (const chunk of chunks) {
    onChunk?.(chunk);
    yield chunk;
  }
}

/**
 * Calls `onRecord` with each record of `parser`, as many as are ready at a time (a promise per record would cost
 * more than the parsing). Resolves at the end; rejects with the parser's error, or with what `onRecord` threw.
 */
function eachRecord(parser: Parser, onRecord: (parsed: Parsed) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.on('readable', () => {
      try {
        for (let parsed = parser.read() as Parsed | null; parsed !== null; parsed = parser.read() as Parsed | null) {
          onRecord(parsed);
        }
      } catch (err) {
        // Destroying with the error rejects through the 'error' listener, and stops the feed.
        parser.destroy(isError(err) ? err : new Error(String(err)));
      }
    });
    parser.once('end', () => resolve());
    parser.once('error', reject);
  });
}

/**
 * The items of a CSV read from `chunks`. The header is checked as soon as it is read: a repeated column, or (for a
 * closed item schema) one that is no field, stops reading. Thrown: `InvalidRequestError` naming the source and line
 * (never quoting it) for malformed CSV, a repeated or unknown column, or a text without rows; whatever `onChunk` or
 * `tooManyRows` throws. Cell values are checked afterwards, by the request validation every door shares (the
 * formula-cell rule included), and located by row and column (`csv-locate.ts`).
 */
export async function readCsvItems(
  chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  reading: CsvReading,
): Promise<CsvItems> {
  const { source, itemSchema, maxRows = Number.POSITIVE_INFINITY } = reading;
  const fields = itemFields(itemSchema);
  let columns: string[] = [];
  const parser = parse({
    columns: (names: string[]) => {
      columns = headerOf(source, names, fields);
      checkColumns(reading, columns);
      return columns;
    },
    bom: true,
    trim: true,
    skip_empty_lines: true,
    info: true,
  });
  // Settles either way: when reading stops early, the feed ends with the parser's premature close.
  const fed = pipeline(metered(chunks, reading.onChunk), parser).then(
    () => undefined,
    (err: unknown) => err,
  );
  const items: Record<string, unknown>[] = [];
  const lines: number[] = [];
  try {
    await eachRecord(parser, ({ record, info }) => {
      if (items.length >= maxRows)
        throw reading.tooManyRows?.(maxRows) ?? new InvalidRequestError(source, 'too many rows');
      items.push(itemOfCells(record, itemSchema));
      // `info.lines` is the line the record ends on; records are one line each unless a quoted cell spans lines.
      lines.push(info.lines);
    });
  } catch (err) {
    throw csvProblem(source, err);
  }
  const failed = await fed;
  if (failed !== undefined) throw csvProblem(source, failed);
  if (items.length === 0) throw new InvalidRequestError(source, 'no rows after the header');
  return { items, columns, lines };
}

/** The items of a CSV text (see `readCsvItems`). */
export function parseCsvItems(
  source: string,
  text: string,
  itemSchema: JsonSchema | undefined,
  field: string,
): Promise<CsvItems> {
  return readCsvItems([text], { source, itemSchema, field });
}
