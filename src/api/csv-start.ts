/**
 * A start request as a `text/csv` body (docs/decisions.md, "Large requests come as CSV"): the rows are the items of
 * the operation's item list, exactly as `bulkflow start --input users.csv` reads them, and the envelope is in the
 * query: `operation`, `connection`, `tenant`, `dryRun`, `callbackUrl`, `itemsField`, and the input's other top-level
 * fields as `input[orgId]=…`. The body is parsed as it arrives, within the limits of `body-limits.ts`; validation is
 * the one every door shares, and its problems are told in the CSV's words: `body: row 4 (line 5), column
 * "phoneNumber"`, `query.input[orgId]`, `query.callbackUrl`.
 */
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { RequestValidationError, StartJobBodySchema, validateBulkJobRequest } from '../client';
import type { ValidatedRequest } from '../client';
import {
  chooseItemsField,
  coerceText,
  csvLocator,
  distinctIssues,
  inputJsonSchema,
  missingColumn,
  readCsvItems,
} from '../csv-items';
import type { CsvOrigin, JsonSchema } from '../csv-items';
import { hasErrorName } from '../domain/errors';
import type { FieldIssue } from '../domain/field-path';
import { clip } from '../domain/issue-list';
import { getOperation } from '../providers/registry';
import { csvBodyMeter, declaredLength, tooManyCsvRows } from './body-limits';
import { parsePart } from './parse';

export const CSV_MEDIA_TYPE = 'text/csv';
/** The source a CSV body's problems name. */
const SOURCE = 'body';
/** An input field given in the query: `input[orgId]` (OpenAPI's deepObject style). */
const INPUT_KEY = /^input\[(.*)\]$/s;
/** Keys that reach an object's prototype, refused even where a schema were to list them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The query of a CSV start, but for the input's own fields (`input[…]`). */
export const CsvStartQuerySchema = z.strictObject({
  operation: StartJobBodySchema.shape.operation,
  connection: StartJobBodySchema.shape.connection,
  tenant: StartJobBodySchema.shape.tenant,
  dryRun: z.enum(['true', 'false']).optional(),
  callbackUrl: StartJobBodySchema.shape.callbackUrl,
  itemsField: z.string().min(1).max(100).optional().meta({
    description: 'The item list the rows fill, when the operation has several (oracle.syncUsers: added, modified…)',
  }),
});
/** The envelope's fields, as validation names them. */
const ENVELOPE_FIELDS = new Set(['operation', 'connection', 'tenant', 'dryRun', 'callbackUrl']);

/** The query split into the envelope and the `input[…]` fields. */
function splitQuery(query: unknown): { envelope: Record<string, unknown>; fields: [string, unknown][] } {
  const envelope: Record<string, unknown> = {};
  const fields: [string, unknown][] = [];
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const field = INPUT_KEY.exec(key)?.[1];
    if (field === undefined) envelope[key] = value;
    else fields.push([field, value]);
  }
  return { envelope, fields };
}

/** True when a request's query holds anything of a CSV start (a JSON body holds the whole request itself). */
export function hasCsvQuery(query: unknown): boolean {
  return Object.keys(query ?? {}).length > 0;
}

/**
 * The input's top-level fields given in the query, typed as their schema wants them. Thrown when one is not such a
 * field (or is the list the rows fill), or is given twice: `RequestValidationError` naming `query.input[…]`.
 */
function queryFields(operationId: string, schema: JsonSchema, list: string, fields: [string, unknown][]) {
  const allowed = Object.keys(schema.properties ?? {}).filter((name) => name !== list);
  const entries = fields.map(([name, value]): [string, unknown] => {
    const field = `query.input[${clip(name, 100)}]`;
    if (PROTOTYPE_KEYS.has(name) || !allowed.includes(name)) {
      const problem = `not an input field of ${operationId} besides the rows' ${list} (fields: ${allowed.join(', ') || 'none'})`;
      throw new RequestValidationError([{ field, message: problem }]);
    }
    if (typeof value !== 'string') throw new RequestValidationError([{ field, message: 'given more than once' }]);
    return [name, coerceText(value, schema.properties?.[name])];
  });
  return Object.fromEntries(entries);
}

/** A validation problem in the words of a CSV start: a query parameter, or a row and column of the body. */
function explainIssue(issue: FieldIssue, origin: CsvOrigin, schema: JsonSchema): FieldIssue {
  const { field, message } = issue;
  if (ENVELOPE_FIELDS.has(field)) return { field: `query.${field}`, message };
  const top = /^input\.([A-Za-z_$][\w$]*)(.*)$/s.exec(field);
  if (top?.[1] !== undefined && top[1] !== origin.field) return { field: `query.input[${top[1]}]${top[2]}`, message };
  return missingColumn(field, origin, schema) ?? { field: csvLocator(origin, schema)(field) ?? field, message };
}

function validateIn(raw: unknown, origin: CsvOrigin, schema: JsonSchema): ValidatedRequest {
  try {
    return validateBulkJobRequest(raw);
  } catch (err) {
    if (!hasErrorName(err, 'RequestValidationError')) throw err;
    const { issues, total, exact } = err as RequestValidationError;
    const explained = issues.map((issue) => explainIssue(issue, origin, schema));
    const merged = distinctIssues(explained);
    throw new RequestValidationError(merged, { total: total - (explained.length - merged.length), exact });
  }
}

/**
 * Reads and validates a CSV start. Thrown: `RequestValidationError` naming the query parameter, or the body's
 * line, row and column; `InvalidRequestError` for CSV that does not parse; `RequestTooLargeError` (413) for a body
 * over `limitBytes` or with more rows than the operation takes. Whatever is left unread of the body is drained.
 */
export async function readCsvStart(request: FastifyRequest, limitBytes: number): Promise<ValidatedRequest> {
  const body = request.body as Readable;
  try {
    const { envelope, fields } = splitQuery(request.query);
    const query = parsePart(CsvStartQuerySchema, envelope, 'query');
    const operation = getOperation(query.operation);
    const schema = inputJsonSchema(operation);
    const words = { option: 'query.itemsField', withoutList: 'send it as application/json' };
    const list = chooseItemsField(operation, schema, query.itemsField, words);
    const topFields = queryFields(operation.id, schema, list, fields);
    const maxRows = schema.properties?.[list]?.maxItems;
    const onChunk = csvBodyMeter(declaredLength(request.headers['content-length']), limitBytes);
    const csv = await readCsvItems(body.iterator({ destroyOnReturn: false }), {
      source: SOURCE,
      itemSchema: schema.properties?.[list]?.items,
      field: list,
      onChunk,
      ...(maxRows === undefined ? {} : { maxRows, tooManyRows: (max) => tooManyCsvRows(operation.id, list, max) }),
    });
    const { itemsField: _list, dryRun, ...rest } = query;
    const raw = { ...rest, dryRun: dryRun === 'true', input: { ...topFields, [list]: csv.items } };
    return validateIn(raw, { source: SOURCE, field: list, columns: csv.columns, lines: csv.lines }, schema);
  } finally {
    // A refusal stops reading early: the rest is drained, so the answer reaches the caller on a live connection.
    if (!body.readableEnded) body.resume();
  }
}
