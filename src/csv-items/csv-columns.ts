/**
 * The columns a CSV of an operation's items may have, read from the item schema (JSON Schema generated from the
 * operation's zod schema): one per item field, and `parent.child` for each field of a nested object whose fields are
 * listed and closed (Oracle's `organization.name`), so no cell needs to hold JSON for it. Such an object may still be
 * given whole, as JSON in a `parent` column, but not both ways in one file.
 */
import { InvalidRequestError } from '../domain/errors';
import { coerceText, hasType } from './input-schema';
import type { JsonSchema } from './input-schema';

export interface CsvColumn {
  /** The header of the column: `field`, or `parent.child`. */
  readonly name: string;
  readonly schema: JsonSchema;
  /** True when every item must have a value in it. */
  readonly required: boolean;
}

/** An object whose fields are listed and closed: each field can have a column of its own. */
function splitsIntoColumns(schema: JsonSchema): boolean {
  return hasType(schema, 'object') && schema.additionalProperties === false && !!schema.properties;
}

/** The columns of items of `itemSchema`, nested objects spread over `parent.child` columns. */
export function csvColumns(itemSchema: JsonSchema | undefined): CsvColumn[] {
  const required = new Set(itemSchema?.required ?? []);
  return Object.entries(itemSchema?.properties ?? {}).flatMap(([name, schema]): CsvColumn[] => {
    if (!splitsIntoColumns(schema)) return [{ name, schema, required: required.has(name) }];
    const inner = new Set(schema.required ?? []);
    return Object.entries(schema.properties ?? {}).map(([child, childSchema]) => ({
      name: `${name}.${child}`,
      schema: childSchema,
      required: required.has(name) && inner.has(child),
    }));
  });
}

/** Every header a CSV of `itemSchema` items may use: each column, and each nested object's own name (JSON). */
export function knownColumns(itemSchema: JsonSchema | undefined): string[] {
  return [...new Set([...Object.keys(itemSchema?.properties ?? {}), ...csvColumns(itemSchema).map((c) => c.name)])];
}

/** The nested object and field a `parent.child` header names, when `itemSchema` has them. */
function nestedField(itemSchema: JsonSchema | undefined, column: string): [string, string] | undefined {
  const dot = column.indexOf('.');
  if (dot <= 0) return undefined;
  const [parent, child] = [column.slice(0, dot), column.slice(dot + 1)];
  const schema = itemSchema?.properties?.[parent];
  return schema && splitsIntoColumns(schema) && schema.properties?.[child] ? [parent, child] : undefined;
}

/**
 * Thrown when a nested object is given both as JSON in its own column and in `parent.child` columns:
 * `InvalidRequestError` naming the column.
 */
export function checkNestedColumns(source: string, columns: readonly string[], itemSchema: JsonSchema | undefined) {
  const both = columns.find(
    (c) => nestedField(itemSchema, c) && columns.includes(nestedField(itemSchema, c)?.[0] ?? ''),
  );
  if (both !== undefined) {
    const parent = nestedField(itemSchema, both)?.[0] ?? '';
    const problem = `give ${parent} either as JSON in the column "${parent}" or in ${parent}.* columns, not both`;
    throw new InvalidRequestError(`${source}: line 1, column "${both}"`, problem);
  }
}

/** One item from the non-empty cells of a row: values as their fields want them, `parent.child` cells nested. */
export function itemOfCells(
  cells: Readonly<Record<string, string>>,
  itemSchema: JsonSchema | undefined,
): Record<string, unknown> {
  const fields: [string, unknown][] = [];
  const nestedObjects = new Map<string, [string, unknown][]>();
  for (const [column, text] of Object.entries(cells)) {
    if (text === '') continue;
    const nested = nestedField(itemSchema, column);
    if (!nested) {
      fields.push([column, coerceText(text, itemSchema?.properties?.[column])]);
      continue;
    }
    const [parent, child] = nested;
    const value = coerceText(text, itemSchema?.properties?.[parent]?.properties?.[child]);
    nestedObjects.set(parent, [...(nestedObjects.get(parent) ?? []), [child, value]]);
  }
  // fromEntries defines own properties, so a column named `__proto__` stays a field that validation refuses.
  const objects = [...nestedObjects].map(([parent, entries]) => [parent, Object.fromEntries(entries)] as const);
  return Object.fromEntries([...fields, ...objects]);
}
