/**
 * The size bound on an input file, checked before it is parsed. A CSV may hold no more characters than the largest
 * request the operation's limits allow: as many rows as its item list takes (`maxItems`), each of the longest cells
 * its item schema allows. The size on disk (or read so far from stdin) is checked first, in bytes: a UTF-8 character
 * takes 1 to 3 bytes per UTF-16 unit, so a file of more than 3 bytes per allowed character is refused unread; then the
 * decoded text, in characters. Any input also stops at {@link MAX_INPUT_BYTES}: the CLI holds the whole list in memory.
 */
import { InvalidRequestError } from '../domain/errors';
import { MAX_TEXT_LENGTH } from '../providers/input-fields';
import { hasType } from '../csv-items';
import type { JsonSchema } from '../csv-items';

/** The most the CLI reads from one input, whatever the operation (parsing takes about 15 times as much memory). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
/** Most UTF-8 bytes one UTF-16 unit of text takes. */
const MAX_BYTES_PER_CHAR = 3;
/** Budget of a cell holding a number or a boolean. */
const SCALAR_CELL_CHARS = 24;
/** Budget of a cell holding JSON (an object or a list in one cell): our own bound for the estimate. */
const JSON_CELL_CHARS = 64 * 1024;

/** The largest CSV an operation's item list takes: rows, the longest row, and their product (header included). */
export interface CsvBound {
  readonly rows: number;
  readonly rowChars: number;
  readonly chars: number;
}

function cellChars(schema: JsonSchema | undefined): number {
  if (schema?.enum) return Math.max(0, ...schema.enum.map((value) => String(value).length));
  if (hasType(schema, 'string')) return schema?.maxLength ?? MAX_TEXT_LENGTH;
  if (hasType(schema, 'number') || hasType(schema, 'integer') || hasType(schema, 'boolean')) return SCALAR_CELL_CHARS;
  return JSON_CELL_CHARS;
}

/** The bound of a CSV filling `list` (the item list's JSON Schema); its header counts as one more row. */
export function csvBound(list: JsonSchema | undefined): CsvBound {
  const columns = Object.values(list?.items?.properties ?? {});
  // Each cell may be quoted (2) and is followed by a comma or the line break (1).
  const rowChars = columns.reduce((sum, column) => sum + cellChars(column) + 3, 0);
  const rows = list?.maxItems ?? Number.POSITIVE_INFINITY;
  return { rows, rowChars, chars: Math.min((rows + 1) * rowChars, MAX_INPUT_BYTES) };
}

const MB = 1024 * 1024;
const number = (n: number): string => n.toLocaleString('en-US');
const size = (bytes: number): string => `${(bytes / MB).toFixed(1)} MiB`;

function limitText(operationId: string, bound: CsvBound): string {
  const rows = Number.isFinite(bound.rows) ? `${number(bound.rows)} rows of at most ${number(bound.rowChars)}` : '';
  const why = rows && bound.chars < MAX_INPUT_BYTES ? ` (${rows})` : '';
  return `${operationId} takes at most ${number(bound.chars)} characters as CSV${why}`;
}

/** `bytes` as the size of a file, or of what stdin gave before reading stopped (`partial`). */
const sizeText = (bytes: number, partial: boolean): string => (partial ? `more than ${size(bytes - 1)}` : size(bytes));

/** Thrown when an input of `bytes` is over {@link MAX_INPUT_BYTES}: `InvalidRequestError` naming it and both sizes. */
export function checkInputBytes(source: string, bytes: number, partial = false): void {
  if (bytes <= MAX_INPUT_BYTES) return;
  const problem = `${sizeText(bytes, partial)} is more than the CLI reads (${size(MAX_INPUT_BYTES)})`;
  throw new InvalidRequestError(source, problem);
}

/** The most bytes worth reading of a CSV under `bound`: more cannot decode to few enough characters. */
export function csvByteLimit(bound: CsvBound): number {
  return Math.min(bound.chars * MAX_BYTES_PER_CHAR, MAX_INPUT_BYTES);
}

/** Thrown when a CSV of `bytes` cannot fit `bound`: `InvalidRequestError` naming the file, its size and the limit. */
export function checkCsvBytes(source: string, bytes: number, bound: CsvBound, operationId: string, partial = false) {
  if (bytes <= csvByteLimit(bound)) return;
  throw new InvalidRequestError(source, `${sizeText(bytes, partial)} is too large: ${limitText(operationId, bound)}`);
}

/**
 * Thrown when CSV text of `length` characters (or, `partial`, read so far) is longer than `bound`:
 * `InvalidRequestError` naming the file, its length and the limit.
 */
export function checkCsvChars(source: string, length: number, bound: CsvBound, operationId: string, partial = false) {
  if (length <= bound.chars) return;
  const read = partial ? `more than ${number(bound.chars)}` : number(length);
  throw new InvalidRequestError(source, `${read} characters is too large: ${limitText(operationId, bound)}`);
}
