/**
 * The `text/csv` start in the OpenAPI document (csv-start.ts): its body, its query parameters (which a JSON body must
 * not carry), and the limits both bodies answer 413 for (body-limits.ts).
 */
import { bytesText } from '../domain/size-text';
import { CSV_BODY_LIMIT_BYTES, JSON_BODY_LIMIT_BYTES } from './body-limits';
import { CsvStartQuerySchema } from './csv-start';
import { queryParameters } from './openapi-request';

type Json = Record<string, unknown>;

const CSV_ONLY = 'With a `text/csv` body only (a JSON body carries no query parameter: 400).';
/** What a parameter's schema cannot say. */
const NOTES: Readonly<Record<string, string>> = {
  callbackUrl: 'Refused unless at an origin this deployment allows (BULKFLOW_CALLBACK_ORIGINS), as in a JSON body.',
};

export const START_DESCRIPTION =
  `Either an \`application/json\` body of at most ${bytesText(JSON_BODY_LIMIT_BYTES)} (\`StartJobRequest\`), or a ` +
  `\`text/csv\` body of at most ${bytesText(CSV_BODY_LIMIT_BYTES)} whose header names item fields and whose rows ` +
  "are the items of the operation's item list (as `bulkflow start --input file.csv` reads them), with the request's " +
  'other fields in the query: `operation` (required), `connection`, `tenant`, `dryRun`, `callbackUrl`, ' +
  "`itemsField`, and the input's other fields as `input[orgId]=…`. A CSV body's problems name its row and column " +
  '(`body: row 4 (line 5), column "phoneNumber"`) or the query parameter (`query.input[orgId]`).';

export const START_TOO_LARGE =
  `The body is over its limit (${bytesText(JSON_BODY_LIMIT_BYTES)} as \`application/json\`, ` +
  `${bytesText(CSV_BODY_LIMIT_BYTES)} as \`text/csv\`), or a CSV has more rows than its operation takes; \`detail\` ` +
  'names the size and the limit';

export const CSV_BODY_SCHEMA: Json = {
  type: 'string',
  description:
    'CSV (UTF-8, RFC 4180): a header of item field names (`parent.child` for a nested object), then one item per ' +
    'row; an empty cell leaves the field out. `bulkflow schema <operation>` prints the columns.',
};

/** The query of a CSV start: its envelope, and the input's other fields (`input[orgId]=…`, deepObject style). */
export const CSV_START_PARAMETERS: Json[] = [
  ...queryParameters(CsvStartQuerySchema).map((parameter) => {
    const note = NOTES[String(parameter['name'])];
    return { ...parameter, description: note === undefined ? CSV_ONLY : `${CSV_ONLY} ${note}` };
  }),
  {
    name: 'input',
    in: 'query',
    required: false,
    style: 'deepObject',
    explode: true,
    schema: { type: 'object', additionalProperties: { type: 'string' } },
    description: `${CSV_ONLY} The input's top-level fields besides the list the rows fill, e.g. \`input[orgId]=…\`.`,
  },
];
