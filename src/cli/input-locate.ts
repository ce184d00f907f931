/**
 * Validation problems in the words of the command line. The shared validation names fields as the API sees them
 * (`input.users[3].phoneNumber`); `bulkflow start` says where the value came from (`users.csv: row 4 (line 5),
 * column "phoneNumber"`, `input.json: users[3].phoneNumber`, `--set orgId`), and a missing field as the flag or
 * column that would give it, with what it takes.
 */
import type { FieldIssue } from '../domain/field-path';
import { columnRef } from './column-name';
import { itemArrayFields } from './input-schema';
import type { JsonSchema } from './input-schema';

/** Where the input came from. */
export type InputOrigin =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly source: string }
  | {
      readonly kind: 'csv';
      readonly source: string;
      /** The item list the rows fill. */
      readonly field: string;
      readonly columns: readonly string[];
      /** The file line of each row. */
      readonly lines: readonly number[];
    };

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A top-level input field named plainly: `input.orgId` → `orgId`. */
const TOP_FIELD = /^input\.([A-Za-z_$][\w$]*)$/;

function itemFieldsOf(schema: JsonSchema, list: string): string[] {
  return Object.keys(schema.properties?.[list]?.items?.properties ?? {});
}

/** `columns userId, locationId; optional phoneNumber, extension`: what a CSV of `list` takes. */
export function columnsText(schema: JsonSchema, list: string): string {
  const items = schema.properties?.[list]?.items;
  const fields = itemFieldsOf(schema, list);
  const required = fields.filter((field) => items?.required?.includes(field));
  const optional = fields.filter((field) => !required.includes(field));
  return `columns ${required.join(', ') || 'none required'}${optional.length ? `; optional ${optional.join(', ')}` : ''}`;
}

function csvLocator(origin: Extract<InputOrigin, { kind: 'csv' }>, schema: JsonSchema) {
  const pattern = new RegExp(`^input\\.${escapeRegExp(origin.field)}\\[(\\d+)\\](?:\\.([^.[]+))?`);
  const fields = itemFieldsOf(schema, origin.field);
  return (path: string): string | undefined => {
    const match = pattern.exec(path);
    if (!match) return undefined;
    const row = Number(match[1]);
    const where = `${origin.source}: row ${row + 1} (line ${origin.lines[row] ?? '?'})`;
    const column = match[2];
    if (column === undefined) return where;
    const index = origin.columns.indexOf(column);
    return index < 0 && !fields.includes(column) ? where : `${where}, ${columnRef(column, index, fields)}`;
  };
}

/** Where an input field came from, or `undefined` when the command line did not give it. */
export function inputLocator(
  origin: InputOrigin,
  setKeys: readonly string[],
  schema: JsonSchema,
): (field: string) => string | undefined {
  const fromCsv = origin.kind === 'csv' ? csvLocator(origin, schema) : () => undefined;
  return (field) => {
    const key = setKeys.find((k) => field === `input.${k}` || field.startsWith(`input.${k}.`));
    if (key !== undefined) return `--set ${key}`;
    if (origin.kind === 'csv') return fromCsv(field);
    if (origin.kind !== 'json' || !field.startsWith('input')) return undefined;
    const inner = field === 'input' ? '(the input object)' : field.slice(field.startsWith('input.') ? 6 : 5);
    return `${origin.source}: ${inner}`;
  };
}

/** A required column the CSV's header lacks, reported once for the file rather than once per row. */
function missingColumn(field: string, origin: InputOrigin, schema: JsonSchema): FieldIssue | undefined {
  if (origin.kind !== 'csv') return undefined;
  const match = new RegExp(`^input\\.${escapeRegExp(origin.field)}\\[\\d+\\]\\.([A-Za-z_$][\\w$]*)$`).exec(field);
  const column = match?.[1];
  if (column === undefined || origin.columns.includes(column)) return undefined;
  if (!schema.properties?.[origin.field]?.items?.required?.includes(column)) return undefined;
  return {
    field: `${origin.source}: line 1`,
    message: `no column "${column}", which every row needs (${columnsText(schema, origin.field)})`,
  };
}

/**
 * A problem about a field the command line did not give at all, as the flag or column that would give it:
 * `--input: is required: a CSV or JSON file of users (columns …)`, `--set orgId: is required`. `undefined` otherwise.
 */
export function missingField(
  field: string,
  input: Readonly<Record<string, unknown>>,
  origin: InputOrigin,
  schema: JsonSchema,
): FieldIssue | undefined {
  const top = TOP_FIELD.exec(field)?.[1];
  if (top === undefined || input[top] !== undefined) return missingColumn(field, origin, schema);
  const isList = itemArrayFields(schema).includes(top);
  if (origin.kind === 'none' && isList) {
    return {
      field: '--input',
      message: `is required: a CSV file of ${top} (${columnsText(schema, top)}), or a JSON file of the input object`,
    };
  }
  if (origin.kind === 'json') {
    return { field: `${origin.source}: ${top}`, message: `is required${isList ? '' : ` (or give --set ${top}=…)`}` };
  }
  return { field: `--set ${top}`, message: `is required: give --set ${top}=…` };
}
