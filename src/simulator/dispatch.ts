/** Answers one provider request: auth, routing, scripted faults, the simulator's handler, and the request log. */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_MALFORMED_BODY, retryAfterValue, type SimFaults, type TakenFault } from './faults';
import { credentialOf, queryObject, resetConnection, writeSimResponse, writeTruncated } from './http-io';
import type { SimCredentials } from './credentials';
import type { OrgRateLimiter, RateLimited } from './org-rate-limit';
import type { RequestLog } from './request-log';
import { matchRoute, type CompiledRoute, type RouteMatch } from './router';
import type { SimLogger, SimRequest, SimResponse, SimRoute } from './types';
import { statusMessage, webexErrorBody } from './webex-error';

export interface DispatchContext {
  readonly routes: readonly CompiledRoute[];
  /** Error body builder per endpoint (the owning simulator's), for status faults. */
  readonly errorBodies: ReadonlyMap<string, (status: number, message: string) => unknown>;
  readonly faults: SimFaults;
  readonly log: RequestLog;
  /** What the simulator accepts now (tokens expire and rotate while it runs). */
  readonly credentials: SimCredentials;
  /** The optional org-wide rate limit, checked before faults and handlers. */
  readonly rateLimiter: OrgRateLimiter;
  readonly logger?: SimLogger;
}

/** An answer, a dropped connection, or an answer whose body is cut short in transit. */
type Answer = SimResponse | 'reset' | { readonly truncate: SimResponse };

/** Handles a non-control request end to end; never throws. */
export async function dispatchProviderRequest(
  ctx: DispatchContext,
  req: IncomingMessage,
  res: ServerResponse,
  simReq: SimRequest,
): Promise<void> {
  const match = matchRoute(ctx.routes, simReq.method, simReq.path);
  const endpoint = endpointOf(match);
  // A client that gives up (its timeout) closes the connection before the answer: the log says when.
  let clientGoneAt: number | undefined;
  res.once('close', () => {
    if (!res.writableEnded) clientGoneAt ??= Date.now();
  });
  let fault: TakenFault | undefined;
  let limited: RateLimited | undefined;
  const org = credentialOf(simReq) ?? '';
  let answer: Answer;
  try {
    const denied = match.kind === 'matched' && match.route.public ? undefined : checkAuth(ctx, simReq, endpoint);
    if (denied) answer = denied;
    else if (match.kind === 'none') answer = errorAnswer(404, `No route for ${simReq.method} ${simReq.path}`);
    else if (match.kind === 'methodNotAllowed') answer = errorAnswer(405, `Method ${simReq.method} not allowed`);
    else {
      limited = ctx.rateLimiter.check(endpoint, org, simReq.receivedAt);
      if (limited) answer = rateLimitedAnswer(ctx, endpoint, limited);
      else {
        fault = ctx.faults.take(endpoint);
        answer = await answerWithFault(ctx, fault, match.route, simReq, match.params);
      }
    }
  } catch (err) {
    ctx.logger?.warn({ err, endpoint }, 'simulator handler failed');
    answer = errorAnswer(500, 'Internal simulator error');
  }
  const answeredAt = Date.now();
  send(req, res, answer);
  if (limited) ctx.rateLimiter.announced(org, answeredAt, limited);
  const sent = answer === 'reset' ? undefined : 'truncate' in answer ? answer.truncate : answer;
  const status = sent?.status ?? 'reset';
  const query = match.kind === 'matched' && match.route.public ? {} : queryObject(simReq.query);
  const entry = { endpoint, method: simReq.method, path: simReq.path, query };
  const retryAfter = Object.entries(sent?.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  ctx.log.record({
    ...entry,
    subject: subjectOf(match, simReq),
    receivedAt: simReq.receivedAt,
    status,
    answeredAt,
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(clientGoneAt === undefined ? {} : { clientGoneAt }),
    ...(limited ? { fault: 'orgRateLimit' } : kindOf(fault)),
  });
  ctx.logger?.debug({ ...entry, status, fault: fault?.kind }, 'simulator answered');
}

function send(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  if (answer === 'reset') resetConnection(req);
  else if ('truncate' in answer) writeTruncated(req, res, answer.truncate);
  else writeSimResponse(res, answer);
}

/**
 * What a request is about: the route's own answer when it has one; else `job:<id>` when the path names a job; else
 * the method, path, sorted query and a digest of the body, so a start retried with the same body has one subject.
 */
export function subjectOf(match: RouteMatch, req: SimRequest): string {
  if (match.kind === 'matched') {
    const own = match.route.subject?.(req, match.params);
    if (own !== undefined) return own;
    if (match.params['jobId'] !== undefined) return `job:${match.params['jobId']}`;
  }
  const query = [...req.query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const digest = createHash('sha256')
    .update(JSON.stringify(req.body ?? null))
    .digest('hex')
    .slice(0, 16);
  return `${req.method} ${req.path}?${new URLSearchParams(query).toString()}#${digest}`;
}

async function answerWithFault(
  ctx: DispatchContext,
  fault: TakenFault | undefined,
  route: SimRoute,
  simReq: SimRequest,
  params: Record<string, string>,
): Promise<Answer> {
  switch (fault?.kind) {
    case undefined:
      return route.handle(simReq, params);
    case 'status': {
      const errorBody = ctx.errorBodies.get(route.endpoint) ?? defaultErrorBody;
      const retryAfter =
        fault.retryAfter ?? (fault.retryAfterIn ? retryAfterValue(fault.retryAfterIn, Date.now()) : undefined);
      return {
        status: fault.status,
        headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
        body: fault.body ?? errorBody(fault.status, statusMessage(fault.status)),
      };
    }
    case 'reset':
      return 'reset';
    case 'delay': {
      const early = fault.accept ? await route.handle(simReq, params) : undefined;
      await sleep(fault.ms);
      return early ?? route.handle(simReq, params);
    }
    case 'truncated':
      return { truncate: await route.handle(simReq, params) };
    case 'malformed':
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: fault.body ?? DEFAULT_MALFORMED_BODY,
      };
    case 'acceptThenReset':
      await route.handle(simReq, params);
      return 'reset';
    case 'hold': {
      const answer = fault.accept ? await route.handle(simReq, params) : undefined;
      const outcome = await ctx.faults.hold(route.endpoint);
      if (outcome === 'reset') return 'reset';
      return answer ?? route.handle(simReq, params);
    }
  }
}

/** The org's 429, in the owning provider's error shape. */
function rateLimitedAnswer(ctx: DispatchContext, endpoint: string, limited: RateLimited): SimResponse {
  const errorBody = ctx.errorBodies.get(endpoint) ?? defaultErrorBody;
  return {
    status: 429,
    headers: { 'retry-after': String(limited.retryAfterSeconds) },
    body: errorBody(429, statusMessage(429)),
  };
}

/** 401/403 in the owning provider's error shape, or undefined when the credential is accepted. */
function checkAuth(ctx: DispatchContext, simReq: SimRequest, endpoint: string): SimResponse | undefined {
  const body = ctx.errorBodies.get(endpoint) ?? defaultErrorBody;
  switch (ctx.credentials.verdict(credentialOf(simReq))) {
    case 'accepted':
      return undefined;
    case 'forbidden':
      return { status: 403, body: body(403, 'The access token lacks the scope required for this operation.') };
    case 'unauthorized': {
      const message = 'The request requires a valid access token set in the Authorization request header.';
      return { status: 401, body: body(401, message) };
    }
  }
}

function endpointOf(match: RouteMatch): string {
  switch (match.kind) {
    case 'matched':
      return match.route.endpoint;
    case 'methodNotAllowed':
      return match.endpoint;
    case 'none':
      return 'unknown';
  }
}

function defaultErrorBody(_status: number, message: string): unknown {
  return webexErrorBody(message);
}

function errorAnswer(status: number, message: string): SimResponse {
  return { status, body: webexErrorBody(message) };
}

function kindOf(fault: TakenFault | undefined): { fault?: string; stormKind?: string } {
  if (!fault) return {};
  return fault.stormKind === undefined ? { fault: fault.kind } : { fault: fault.kind, stormKind: fault.stormKind };
}
