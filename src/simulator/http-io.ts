/** Reading requests and writing answers on node:http, for the simulator server. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimRequest, SimResponse } from './types';

/** Reads and decodes a request: JSON when it parses, the raw text otherwise, `undefined` when empty. */
export async function readSimRequest(req: IncomingMessage, receivedAt: number): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const host = req.headers.host ?? '127.0.0.1';
  const url = new URL(req.url ?? '/', `http://${host}`);
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: decodeBody(text),
    receivedAt,
    origin: url.origin,
  };
}

function decodeBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The headers and bytes of `answer`: objects as JSON, strings raw, no body when `body` is undefined. */
function encode(answer: SimResponse): { headers: Record<string, string>; payload: Buffer | undefined } {
  const headers: Record<string, string> = { ...answer.headers };
  let text: string | undefined;
  if (typeof answer.body === 'string') {
    text = answer.body;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else if (answer.body !== undefined) {
    text = JSON.stringify(answer.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  const payload = text === undefined ? undefined : Buffer.from(text, 'utf8');
  if (payload !== undefined) headers['content-length'] = String(payload.length);
  return { headers, payload };
}

/** Sends `answer`: objects as JSON, strings raw, no body when `body` is undefined. */
export function writeSimResponse(res: ServerResponse, answer: SimResponse): void {
  if (res.destroyed) return;
  const { headers, payload } = encode(answer);
  res.writeHead(answer.status, headers);
  res.end(payload);
}

/**
 * Sends `answer`'s status and headers (with the full `Content-Length`) and the first half of its body, then destroys
 * the connection: the client sees an answer cut short in transit. An answer without a body is cut after its headers.
 */
export function writeTruncated(req: IncomingMessage, res: ServerResponse, answer: SimResponse): void {
  if (res.destroyed) return;
  const { headers, payload } = encode({ ...answer, body: answer.body ?? 'answer cut short' });
  res.writeHead(answer.status, headers);
  const half = payload?.subarray(0, Math.floor(payload.length / 2));
  res.write(half ?? Buffer.alloc(0), () => req.socket.destroy());
}

/** Destroys the connection without answering, as a reset or a dropped proxy would. */
export function resetConnection(req: IncomingMessage): void {
  req.socket.destroy();
}

/** The `Authorization: Bearer …` token of a request, if any. */
export function bearerToken(req: SimRequest): string | undefined {
  const header = req.headers.authorization;
  const m = header === undefined ? null : /^Bearer\s+(.+)$/i.exec(header);
  return m?.[1]?.trim();
}

/**
 * The credential after the scheme of the `Authorization` header, whatever the scheme (`Bearer`, `Basic`,
 * `Zoho-oauthtoken`): each provider's simulator is reached with its own scheme.
 */
export function credentialOf(req: SimRequest): string | undefined {
  const header = req.headers.authorization;
  const m = header === undefined ? null : /^[A-Za-z-]+\s+(.+)$/.exec(header);
  return m?.[1]?.trim();
}

/** The query string as a plain object (the last value wins for repeated keys). */
export function queryObject(query: URLSearchParams): Record<string, string> {
  return Object.fromEntries(query.entries());
}
