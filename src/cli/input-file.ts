/**
 * The operation input of `bulkflow start`: a JSON file (the input object), or a CSV whose rows become the items of
 * the operation's item array, plus top-level fields from `--set key=value`. `-` reads standard input.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InvalidRequestError, errorMessage } from '../domain/errors';
import type { ProviderOperation } from '../providers/types';
import { parseCsvItems } from './csv-input';
import { chooseItemsField, coerceText, inputJsonSchema } from './input-schema';

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
}

async function readSource(path: string, stdin: () => Promise<string>): Promise<string> {
  if (path === '-') return stdin();
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new InvalidRequestError('--input', `cannot read ${path}: ${errorMessage(err)}`);
  }
}

function isJson(path: string, text: string): boolean {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return true;
  if (ext === '.csv') return false;
  return /^\s*[{[]/.test(text);
}

function parseJsonInput(source: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InvalidRequestError(source, `not JSON: ${errorMessage(err)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidRequestError(source, 'must hold the input object, e.g. {"users": [...]}');
  }
  return value as Record<string, unknown>;
}

function splitSet(pair: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw new InvalidRequestError('--set', `expected key=value, got "${pair}"`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

function csvLocator(source: string, field: string, lines: readonly number[]) {
  const pattern = new RegExp(`^input\\.${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\[(\\d+)\\](?:\\.([^.[]+))?`);
  return (path: string): string | undefined => {
    const match = pattern.exec(path);
    if (!match) return undefined;
    const row = Number(match[1]);
    const where = `${source}: row ${row + 1} (line ${lines[row] ?? '?'})`;
    return match[2] === undefined ? where : `${where}, column "${match[2]}"`;
  };
}

/** Builds the input. Thrown: `InvalidRequestError` naming the file (row, column) or option at fault. */
export async function buildInput(
  operation: ProviderOperation,
  options: InputOptions,
  stdin: () => Promise<string>,
): Promise<BuiltInput> {
  const schema = inputJsonSchema(operation);
  let input: Record<string, unknown> = {};
  let locateItem: (field: string) => string | undefined = () => undefined;
  if (options.input !== undefined) {
    const source = options.input === '-' ? 'stdin' : options.input;
    const text = await readSource(options.input, stdin);
    if (isJson(options.input, text)) {
      input = parseJsonInput(source, text);
    } else {
      const field = chooseItemsField(operation, schema, options.itemsField);
      const csv = parseCsvItems(source, text, schema.properties?.[field]?.items, field);
      input = { [field]: csv.items };
      locateItem = csvLocator(source, field, csv.lines);
    }
  }
  const setKeys = options.set.map((pair) => {
    const [key, value] = splitSet(pair);
    input[key] = coerceText(value, schema.properties?.[key]);
    return key;
  });
  return {
    input,
    locate(field) {
      const key = setKeys.find((k) => field === `input.${k}` || field.startsWith(`input.${k}.`));
      return key === undefined ? locateItem(field) : `--set ${key}`;
    },
  };
}
