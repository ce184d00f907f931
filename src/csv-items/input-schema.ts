/**
 * What a CSV door (the CLI's `--input`, the API's `text/csv` body) needs to know about an operation's input, read from
 * its JSON Schema (generated from the zod schema, so it works for every registered operation): the item array a CSV
 * fills and the type of each field.
 */
import { z } from 'zod';
import { InvalidRequestError } from '../domain/errors';
import type { ProviderOperation } from '../providers/types';

export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly maxLength?: number;
  readonly maxItems?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly required?: readonly string[];
  readonly format?: string;
  readonly pattern?: string;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
}

/** The operation's input as JSON Schema. */
export function inputJsonSchema(operation: ProviderOperation): JsonSchema {
  return z.toJSONSchema(operation.inputSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** True when `schema` admits values of JSON type `type`. */
export const hasType = (schema: JsonSchema | undefined, type: string): boolean =>
  schema?.type === type || (Array.isArray(schema?.type) && schema.type.includes(type));

/** Top-level fields that are arrays of objects: where CSV rows can go. */
export function itemArrayFields(schema: JsonSchema): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([, property]) => hasType(property, 'array') && hasType(property.items, 'object'))
    .map(([name]) => name);
}

/** How a door names the choice of item list, and what it offers instead of CSV. */
export interface ItemsFieldWords {
  /** The option or parameter that chooses the list: `--items-field`, `query.itemsField`. */
  readonly option: string;
  /** What to do when the operation has no item list, e.g. `give --input as JSON, or the fields with --set`. */
  readonly withoutList: string;
}

const CLI_WORDS: ItemsFieldWords = {
  option: '--items-field',
  withoutList: 'give --input as JSON, or the fields with --set',
};

/**
 * The item array a CSV fills: `requested`, else the only one there is.
 * Thrown when there is none, several without a choice, or the choice is not one: `InvalidRequestError` on
 * `words.option` (the CLI's `--items-field` by default).
 */
export function chooseItemsField(
  operation: ProviderOperation,
  schema: JsonSchema,
  requested?: string,
  words: ItemsFieldWords = CLI_WORDS,
): string {
  const fields = itemArrayFields(schema);
  if (requested !== undefined) {
    if (fields.includes(requested)) return requested;
    throw new InvalidRequestError(
      words.option,
      `${operation.id} has no item list "${requested}" (has: ${list(fields)})`,
    );
  }
  const [only, ...others] = fields;
  if (only !== undefined && others.length === 0) return only;
  const problem =
    fields.length === 0
      ? `${operation.id} takes no item list: ${words.withoutList}`
      : `${operation.id} has several item lists; choose one with ${words.option} (${list(fields)})`;
  throw new InvalidRequestError(words.option, problem);
}

function list(fields: readonly string[]): string {
  return fields.length ? fields.join(', ') : 'none';
}

/**
 * A text value as the field's schema wants it: numbers and booleans converted, arrays split on `;`, objects parsed
 * as JSON; anything that does not convert stays text, so validation names the field.
 */
export function coerceText(text: string, schema: JsonSchema | undefined): unknown {
  if (hasType(schema, 'string') || schema === undefined) return text;
  if ((hasType(schema, 'number') || hasType(schema, 'integer')) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (hasType(schema, 'boolean') && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (hasType(schema, 'array')) return text.split(';').map((part) => coerceText(part.trim(), schema.items));
  if (hasType(schema, 'object')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
