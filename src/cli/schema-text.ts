/**
 * What `bulkflow schema <operation>` prints, derived from the operation's input schema (the JSON Schema of its zod
 * schema, with the examples its fields carry) and the CSV reader's column rules: the top-level fields, the CSV columns
 * of each item list with their types, an example row, and a command that starts a job from it. Nothing here is
 * written per operation.
 */
import type { ProviderOperation } from '../providers/types';
import { csvColumns } from '../csv-items';
import type { CsvColumn } from '../csv-items';
import { hasType, inputJsonSchema, itemArrayFields } from '../csv-items';
import type { JsonSchema } from '../csv-items';

/** A worked example of an operation's input: a CSV (header and one row) when it has an item list, and `--set` fields. */
export interface InputExample {
  readonly itemsField?: string;
  /** Set when the operation has several item lists: the `--items-field` the example fills. */
  readonly itemsFieldFlag?: string;
  readonly header: readonly string[];
  readonly row: readonly string[];
  readonly set: readonly (readonly [string, string])[];
}

/** What a field takes, in words, with its default when it has one. */
export function typeText(schema: JsonSchema): string {
  const text = valueText(schema);
  return schema.default === undefined ? text : `${text} (default ${cellText(schema.default)})`;
}

function valueText(schema: JsonSchema): string {
  if (schema.enum) return `one of ${schema.enum.map(String).join(', ')}`;
  if (hasType(schema, 'boolean')) return 'true or false';
  if (hasType(schema, 'integer')) return 'whole number';
  if (hasType(schema, 'number')) return 'number';
  if (hasType(schema, 'array')) {
    const item = schema.items ?? {};
    return hasType(item, 'object') ? 'list of JSON objects, ; between them' : `list of ${valueText(item)}, ; between`;
  }
  if (hasType(schema, 'object')) return 'JSON object';
  if (schema.format === 'email') return 'e-mail address';
  if (schema.format === 'date-time') return 'date-time (ISO 8601, e.g. 2026-01-31T00:00:00Z)';
  return schema.pattern ? `text matching ${schema.pattern}` : 'text';
}

/** The value a field's schema gives as its example (else its default, else its first allowed value). */
export function exampleValue(schema: JsonSchema): unknown {
  return schema.examples?.[0] ?? schema.default ?? schema.enum?.[0];
}

/** A value as the CSV reader and `--set` read it back: lists joined with `;`, objects as JSON. */
export function cellText(value: unknown): string {
  if (Array.isArray(value)) return value.map(cellText).join(';');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** One CSV line; a cell with a comma, a quote or a line break is quoted. */
export function csvLine(cells: readonly string[]): string {
  return cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',');
}

/** Columns that hold JSON in a cell: shown in the table, left out of the example row unless required. */
const holdsJson = (schema: JsonSchema): boolean =>
  hasType(schema, 'object') || (hasType(schema, 'array') && hasType(schema.items, 'object'));

/** The example of `operation`'s input: its first item list as CSV, the other fields as `--set`. */
export function inputExample(operation: ProviderOperation): InputExample {
  const schema = inputJsonSchema(operation);
  const lists = itemArrayFields(schema);
  const itemsField = lists[0];
  const required = new Set(schema.required ?? []);
  const set = Object.entries(schema.properties ?? {})
    .filter(([name, field]) => !lists.includes(name) && (required.has(name) || field.examples !== undefined))
    .flatMap(([name, field]) => {
      const value = exampleValue(field);
      return value === undefined ? [] : [[name, cellText(value)] as const];
    });
  const columns = csvColumns(itemsField ? schema.properties?.[itemsField]?.items : undefined).filter(
    (c) => exampleValue(c.schema) !== undefined && (c.required || !holdsJson(c.schema)),
  );
  return {
    ...(itemsField ? { itemsField } : {}),
    ...(lists.length > 1 && itemsField ? { itemsFieldFlag: itemsField } : {}),
    header: columns.map((c) => c.name),
    row: columns.map((c) => cellText(exampleValue(c.schema))),
    set,
  };
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd());
}

function columnRows(columns: readonly CsvColumn[]): string[][] {
  return [['column', 'required', 'type'], ...columns.map((c) => [c.name, c.required ? 'yes' : '', typeText(c.schema)])];
}

/** The text `bulkflow schema <operation>` prints. */
export function schemaText(operation: ProviderOperation): string {
  const schema = inputJsonSchema(operation);
  const lists = itemArrayFields(schema);
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([name, field]) => [
    name,
    required.has(name) ? 'yes' : '',
    lists.includes(name) ? 'list of items: the rows of a CSV' : typeText(field),
  ]);
  const lines = [`${operation.id}: input fields (a JSON object; with a CSV, the other fields by --set name=value)`];
  lines.push(...table([['field', 'required', 'type'], ...fields]));
  for (const same of listsByItemSchema(schema, lists)) {
    const names = same.map((list) => `${list}[]`).join(' and ');
    lines.push('', `CSV columns of ${names} (one row per item; empty cells are left out):`);
    lines.push(...table(columnRows(csvColumns(schema.properties?.[same[0] ?? '']?.items))));
  }
  return [...lines, '', ...exampleLines(operation)].join('\n');
}

/** Item lists grouped by identical item schemas (Oracle's `added` and `modified`), so each table is printed once. */
function listsByItemSchema(schema: JsonSchema, lists: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const list of lists) {
    const key = JSON.stringify(schema.properties?.[list]?.items ?? {});
    groups.set(key, [...(groups.get(key) ?? []), list]);
  }
  return [...groups.values()];
}

function exampleLines(operation: ProviderOperation): string[] {
  const example = inputExample(operation);
  const set = example.set.map(([name, value]) => ` --set ${name}=${value}`).join('');
  if (!example.itemsField) return ['Start:', `  $ bulkflow start ${operation.id}${set}`];
  const flag = example.itemsFieldFlag ? ` --items-field ${example.itemsFieldFlag}` : '';
  return [
    `Example row (${example.itemsField}.csv):`,
    `  ${csvLine(example.header)}`,
    `  ${csvLine(example.row)}`,
    '',
    'Start:',
    `  $ bulkflow start ${operation.id} --input ${example.itemsField}.csv${flag}${set}`,
  ];
}
