/**
 * RFC 5988 / RFC 8288 `Link` header parsing, as Webex pages lists (docs/contracts.md#webex-http-semantics: `rel="next"`
 * is guaranteed, `prev` / `first` may appear). Pure.
 */

/** One link of a `Link` header: its target as written (absolute or relative) and its relation types. */
export interface WebLink {
  readonly target: string;
  /** Lower-cased relation types; `rel="next last"` yields both. */
  readonly rels: readonly string[];
}

/** Every link of a `Link` header value, in order. Malformed parts are skipped, never thrown on. */
export function parseLinkHeader(value: string | null | undefined): WebLink[] {
  const links: WebLink[] = [];
  let at = 0;
  while (value) {
    const open = value.indexOf('<', at);
    const close = open < 0 ? -1 : value.indexOf('>', open + 1);
    if (close < 0) break;
    const end = indexOutsideQuotes(value, ',', close + 1);
    const params = splitOutsideQuotes(value.slice(close + 1, end), ';').map(parseParam);
    const rel = params.find(([name]) => name === 'rel')?.[1] ?? '';
    links.push({ target: value.slice(open + 1, close).trim(), rels: rel.toLowerCase().split(/\s+/).filter(Boolean) });
    at = end + 1;
  }
  return links;
}

/** The target of the first link with relation `next`, resolved against `requestUrl`; `undefined` on the last page. */
export function nextLinkOf(value: string | null | undefined, requestUrl: string): string | undefined {
  const next = parseLinkHeader(value).find((link) => link.rels.includes('next'));
  if (next === undefined || next.target === '') return undefined;
  return new URL(next.target, requestUrl).href;
}

function indexOutsideQuotes(text: string, char: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"' && text[i - 1] !== '\\') quoted = !quoted;
    else if (c === char && !quoted) return i;
  }
  return text.length;
}

function splitOutsideQuotes(text: string, char: string): string[] {
  const parts: string[] = [];
  for (let at = 0; at <= text.length; ) {
    const end = indexOutsideQuotes(text, char, at);
    parts.push(text.slice(at, end));
    at = end + 1;
  }
  return parts;
}

function parseParam(param: string): [string, string] {
  const eq = param.indexOf('=');
  if (eq < 0) return [param.trim().toLowerCase(), ''];
  const raw = param.slice(eq + 1).trim();
  const unquoted = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw;
  return [param.slice(0, eq).trim().toLowerCase(), unquoted.replace(/\\(.)/g, '$1')];
}
