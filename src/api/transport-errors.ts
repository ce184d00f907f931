/**
 * Requests refused before any route sees them, answered as problems like every other refusal: a URL the router
 * cannot read (Fastify's `frameworkErrors`) and a request Node's HTTP parser refuses (`clientErrorHandler`), such as
 * one whose request line and headers exceed Node's 16 KiB. Fastify's own answers are plain JSON, and a 414 for an
 * over-long path parameter. None quotes what the caller sent.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, sendProblem } from './errors';
import type { Problem } from './errors';

/** What the router says of a URL it cannot read, by Fastify code. */
const UNREADABLE_URL: Readonly<Record<string, string>> = {
  FST_ERR_BAD_URL: 'the path is not valid percent-encoding',
  FST_ERR_MAX_PARAM_LENGTH: 'a path parameter is longer than any this API accepts',
};

/** Fastify's `frameworkErrors`: a URL the router cannot read is a 400 problem. */
export function answerFrameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const detail = UNREADABLE_URL[err.code] ?? 'the request cannot be routed';
  void sendProblem(reply, { type: 'about:blank', title: 'Bad Request', status: 400, detail, code: err.code });
}

/** What Node's HTTP parser refused, by its error code; anything else it refuses is malformed HTTP (400). */
const PARSER_REFUSALS: Readonly<Record<string, { status: number; detail: string }>> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'the request line and headers exceed 16 KiB' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'the request did not arrive in time' },
};

/** The problem of a request Node's HTTP parser refused. */
export function parserProblem(code: string | undefined): Problem {
  const { status, detail } = PARSER_REFUSALS[code ?? ''] ?? { status: 400, detail: 'malformed HTTP request' };
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Client Error', status, detail };
}

/** Fastify's `clientErrorHandler`: answers on the raw socket, as Node itself would, then closes it. */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  // A reset connection has no one to answer (https://nodejs.org/api/http.html#event-clienterror).
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const problem = parserProblem(err.code);
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${problem.status} ${problem.title}\r\nConnection: close\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
