/**
 * The operation input of `bulkflow start`: a JSON file (the input object), or a CSV whose rows become the items of
 * the operation's item array, plus top-level fields from `--set key=value`. `-` reads standard input. The size is
 * checked before anything is parsed (`input-size.ts`), and no error quotes what the file holds: JSON errors give a
 * line and column, CSV errors a line and a column (`column-name.ts`). A `.csv` file is parsed as it is read, so only
 * its items are held, never its text as well.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { chooseItemsField, coerceText, inputJsonSchema, readCsvItems } from '../csv-items';
import type { CsvItems, JsonSchema } from '../csv-items';
import { InvalidRequestError, errorMessage, hasErrorName } from '../domain/errors';
import type { FieldIssue } from '../domain/field-path';
import type { ProviderOperation } from '../providers/types';
import { checkCsvBytes, checkCsvChars, checkInputBytes, csvBound, csvByteLimit, MAX_INPUT_BYTES } from './input-size';
import type { CsvBound } from './input-size';
import { inputLocator, missingField } from './input-locate';
import type { InputOrigin } from './input-locate';
import { jsonSyntaxError } from './json-syntax';
import { checkSetKey, splitSet } from './set-option';

/** Reads standard input; stops once more than `maxBytes` came (what it returns is then only the start). */
export type ReadStdin = (maxBytes?: number) => Promise<string>;

export interface InputOptions {
  /** A file path, or `-` for standard input. */
  readonly input?: string;
  /** `key=value` pairs for top-level input fields. */
  readonly set: readonly string[];
  readonly itemsField?: string;
}

export interface BuiltInput {
  readonly input: Record<string, unknown>;
  /** Where an input field (`input.users[3].phoneNumber`) came from, e.g. `users.csv: row 4 (line 5), column "phoneNumber"`. */
  locate(field: string): string | undefined;
  /** A validation problem in the words of the command line: the flag, file, row or column, and what it takes. */
  explain(issue: FieldIssue): FieldIssue;
}

/** How big an input may be, and the check that says so (it throws). */
interface SizeRule {
  readonly maxBytes: number;
  check(bytes: number, partial: boolean): void;
}

async function readSource(path: string, source: string, stdin: ReadStdin, rule: SizeRule): Promise<string> {
  if (path === '-') {
    const text = await stdin(rule.maxBytes);
    if (Buffer.byteLength(text) > rule.maxBytes) rule.check(rule.maxBytes + 1, true);
    return text;
  }
  try {
    rule.check((await stat(path)).size, false);
    return await readFile(path, 'utf8');
  } catch (err) {
    if (hasErrorName(err, 'InvalidRequestError')) throw err;
    throw new InvalidRequestError('--input', `cannot read ${source}: ${errorMessage(err)}`);
  }
}

function isJson(path: string, text: string): boolean {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return true;
  if (ext === '.csv') return false;
  return /^\s*[{[]/.test(text);
}

function parseJsonInput(source: string, raw: string): Record<string, unknown> {
  const text = raw.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // V8's message quotes the text: say where instead.
    const at = jsonSyntaxError(text);
    if (!at) throw new InvalidRequestError(source, 'not JSON');
    throw new InvalidRequestError(`${source}: line ${at.line}, column ${at.column}`, `not JSON: ${at.problem}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidRequestError(source, 'must hold the input object, e.g. {"users": [...]}');
  }
  return value as Record<string, unknown>;
}

/** The item list a CSV fills, its JSON Schema, and the size the CSV may have. */
interface CsvTarget {
  readonly field: string;
  readonly list: JsonSchema | undefined;
  readonly bound: CsvBound;
}

function csvTarget(operation: ProviderOperation, schema: JsonSchema, options: InputOptions): CsvTarget {
  const field = chooseItemsField(operation, schema, options.itemsField);
  const list = schema.properties?.[field];
  return { field, list, bound: csvBound(list) };
}

function sizeRule(operation: ProviderOperation, schema: JsonSchema, options: InputOptions, source: string): SizeRule {
  const path = options.input ?? '-';
  if (extname(path).toLowerCase() !== '.csv') {
    return { maxBytes: MAX_INPUT_BYTES, check: (bytes, partial) => checkInputBytes(source, bytes, partial) };
  }
  const { bound } = csvTarget(operation, schema, options);
  return {
    maxBytes: csvByteLimit(bound),
    check: (bytes, partial) => checkCsvBytes(source, bytes, bound, operation.id, partial),
  };
}

/** Thrown when reading a file failed: `InvalidRequestError` on `--input`; the bounds' own errors pass as they are. */
function readFailure(source: string, err: unknown): unknown {
  if (hasErrorName(err, 'InvalidRequestError')) return err;
  return new InvalidRequestError('--input', `cannot read ${source}: ${errorMessage(err)}`);
}

/** The items of a `.csv` file, parsed as it is read, within the size `rule` and the character `bound`. */
async function readCsvFile(path: string, source: string, rule: SizeRule, target: CsvTarget, operationId: string) {
  try {
    rule.check((await stat(path)).size, false);
    let chars = 0;
    const onChunk = (chunk: Buffer | string) => {
      chars += chunk.length;
      checkCsvChars(source, chars, target.bound, operationId, true);
    };
    const text = createReadStream(path, { encoding: 'utf8' }) as AsyncIterable<string>;
    return await readCsvItems(text, { source, itemSchema: target.list?.items, field: target.field, onChunk });
  } catch (err) {
    throw readFailure(source, err);
  }
}

/** The input of CSV `csv` filling `target`, and where its rows came from. */
function csvInput(source: string, target: CsvTarget, csv: CsvItems) {
  return {
    input: { [target.field]: csv.items },
    origin: { kind: 'csv', source, field: target.field, columns: csv.columns, lines: csv.lines } as const,
  };
}

async function readInput(
  operation: ProviderOperation,
  schema: JsonSchema,
  options: InputOptions & { readonly input: string },
  stdin: ReadStdin,
): Promise<{ input: Record<string, unknown>; origin: InputOrigin }> {
  const source = options.input === '-' ? 'stdin' : options.input;
  const rule = sizeRule(operation, schema, options, source);
  if (options.input !== '-' && extname(options.input).toLowerCase() === '.csv') {
    const target = csvTarget(operation, schema, options);
    return csvInput(source, target, await readCsvFile(options.input, source, rule, target, operation.id));
  }
  const text = await readSource(options.input, source, stdin, rule);
  if (isJson(options.input, text)) return { input: parseJsonInput(source, text), origin: { kind: 'json', source } };
  const target = csvTarget(operation, schema, options);
  checkCsvBytes(source, Buffer.byteLength(text), target.bound, operation.id);
  checkCsvChars(source, text.length, target.bound, operation.id);
  const csv = await readCsvItems([text], { source, itemSchema: target.list?.items, field: target.field });
  return csvInput(source, target, csv);
}

/** Builds the input. Thrown: `InvalidRequestError` naming the file (row, column) or option at fault. */
export async function buildInput(
  operation: ProviderOperation,
  options: InputOptions,
  stdin: ReadStdin,
): Promise<BuiltInput> {
  const schema = inputJsonSchema(operation);
  const read =
    options.input === undefined
      ? { input: {}, origin: { kind: 'none' } as const }
      : await readInput(operation, schema, { ...options, input: options.input }, stdin);
  const { input } = read;
  const setKeys = options.set.map((pair) => {
    const [key, value] = splitSet(pair);
    checkSetKey(operation.id, schema, key);
    input[key] = coerceText(value, schema.properties?.[key]);
    return key;
  });
  const locate = inputLocator(read.origin, setKeys, schema);
  return {
    input,
    locate,
    explain: (issue) =>
      missingField(issue.field, input, read.origin, schema) ?? {
        field: locate(issue.field) ?? issue.field,
        message: issue.message,
      },
  };
}
