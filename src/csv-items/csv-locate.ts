/**
 * Validation problems of CSV rows in the words of the CSV. The shared validation names fields as a JSON body would
 * (`input.users[3].phoneNumber`); a CSV door says where the value came from (`users.csv: row 4 (line 5), column
 * "phoneNumber"`), and reports a required column the header lacks once, for the header, rather than once per row.
 */
import type { FieldIssue } from '../domain/field-path';
import { columnRef } from './column-name';
import type { JsonSchema } from './input-schema';

/** Where CSV rows came from: the source's name, the list they fill, the header, and the line of each row. */
export interface CsvOrigin {
  readonly source: string;
  /** The item list the rows fill. */
  readonly field: string;
  readonly columns: readonly string[];
  /** The line of each row. */
  readonly lines: readonly number[];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

/**
 * Where an input field of a row came from (`users.csv: row 4 (line 5), column "phoneNumber"`), or `undefined` when
 * `path` is not in the rows' list. `schema` is the operation's input as JSON Schema.
 */
export function csvLocator(origin: CsvOrigin, schema: JsonSchema): (path: string) => string | undefined {
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

/** A required column the CSV's header lacks, reported once for the header rather than once per row. */
export function missingColumn(field: string, origin: CsvOrigin, schema: JsonSchema): FieldIssue | undefined {
  const match = new RegExp(`^input\\.${escapeRegExp(origin.field)}\\[\\d+\\]\\.([A-Za-z_$][\\w$]*)$`).exec(field);
  const column = match?.[1];
  if (column === undefined || origin.columns.includes(column)) return undefined;
  if (!schema.properties?.[origin.field]?.items?.required?.includes(column)) return undefined;
  return {
    field: `${origin.source}: line 1`,
    message: `no column "${column}", which every row needs (${columnsText(schema, origin.field)})`,
  };
}

/** Each problem once (a column missing from a CSV is reported once, not once per row). */
export function distinctIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter(({ field, message }) => {
    const key = JSON.stringify([field, message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
