/**
 * Validation problems in the words of the command line. The shared validation names fields as the API sees them
 * (`input.users[3].phoneNumber`); `bulkflow start` says where the value came from (`users.csv: row 4 (line 5),
 * column "phoneNumber"`, `input.json: users[3].phoneNumber`, `--set orgId`), and a missing field as the flag or
 * column that would give it, with what it takes.
 */
import type { FieldIssue } from '../domain/field-path';
import { columnsText, csvLocator, itemArrayFields, missingColumn } from '../csv-items';
import type { CsvOrigin, JsonSchema } from '../csv-items';

/** Where the input came from. */
export type InputOrigin =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly source: string }
  | ({ readonly kind: 'csv' } & CsvOrigin);

/** A top-level input field named plainly: `input.orgId` → `orgId`. */
const TOP_FIELD = /^input\.([A-Za-z_$][\w$]*)$/;

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
  if (top === undefined || input[top] !== undefined) {
    return origin.kind === 'csv' ? missingColumn(field, origin, schema) : undefined;
  }
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
