/**
 * Zoho ids are 64-bit numbers (e.g. `5020928000002387017`), far beyond 2^53. The documentation shows them as strings
 * but labels `job_id` "integer" (docs/contracts.md#zohoinviteportalusers-unconfirmed-points), so a numeric literal may
 * come; `JSON.parse` would round it to a neighbouring id, and we would poll somebody else's job. Node 20 offers no
 * lossless parse (JSON.parse source access arrived later), so the raw text is rewritten first: every bare number that
 * is the value of an id key becomes a string literal, digit for digit. Inside a JSON string a quote is always escaped,
 * so `"id": 1` text within a string value cannot match.
 */
import type { HttpResponse } from '../../http/types';

/** Keys whose numeric values are ids in the portal invite bodies. */
export const ID_KEYS = ['job_id', 'id', 'record_id', 'user_type_id'] as const;

const ID_NUMBER = new RegExp(
  `("(?:${ID_KEYS.join('|')})"\\s*:\\s*)(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)(?=\\s*[,}\\]])`,
  'g',
);

/** `text` with every numeric id literal quoted: `{"job_id": 5020928000002387017}` → `{"job_id": "5020928000002387017"}`. */
export function quoteIdNumbers(text: string): string {
  return text.replace(ID_NUMBER, '$1"$2"');
}

/** `response` whose body has its numeric id literals quoted, for `parseBody`. */
export function losslessIds(response: HttpResponse): HttpResponse {
  return { ...response, text: quoteIdNumbers(response.text) };
}

/** Parses `text` as JSON with ids kept as strings; `undefined` when it is not JSON. */
export function parseLossless(text: string): unknown {
  try {
    return JSON.parse(quoteIdNumbers(text)) as unknown;
  } catch {
    return undefined;
  }
}
