/** Answers one provider request: auth, routing, scripted faults, the simulator's handler, and the request log. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_MALFORMED_BODY, type SimFault, type SimFaults } from './faults';
import { credentialOf, queryObject, resetConnection, writeSimResponse } from './http-io';
import type { RequestLog } from './request-log';
import { matchRoute, type CompiledRoute, type RouteMatch } from './router';
import type { SimLogger, SimRequest, SimResponse, SimRoute } from './types';
import { statusMessage, webexErrorBody } from './webex-error';

/**
 * Credentials the simulator accepts (the part of `Authorization` after the scheme: a bearer token, FullStory's
 * API key, base64 of Oracle's user:password…); with none configured, every request is accepted.
 */
export interface SimAuth {
  readonly bearerTokens?: readonly string[];
  /** Known credentials that lack the scope: answered 403. */
  readonly forbiddenTokens?: readonly string[];
}

export interface DispatchContext {
  readonly routes: readonly CompiledRoute[];
  /** Error body builder per endpoint (the owning simulator's), for status faults. */
  readonly errorBodies: ReadonlyMap<string, (status: number, message: string) => unknown>;
  readonly faults: SimFaults;
  readonly log: RequestLog;
  readonly auth?: SimAuth;
  readonly logger?: SimLogger;
}

type Answer = SimResponse | 'reset';

/** Handles a non-control request end to end; never throws. */
export async function dispatchProviderRequest(
  ctx: DispatchContext,
  req: IncomingMessage,
  res: ServerResponse,
  simReq: SimRequest,
): Promise<void> {
  const match = matchRoute(ctx.routes, simReq.method, simReq.path);
  const endpoint = endpointOf(match);
  let fault: SimFault | undefined;
  let answer: Answer;
  try {
    const denied = checkAuth(ctx, simReq, endpoint);
    if (denied) answer = denied;
    else if (match.kind === 'none') answer = errorAnswer(404, `No route for ${simReq.method} ${simReq.path}`);
    else if (match.kind === 'methodNotAllowed') answer = errorAnswer(405, `Method ${simReq.method} not allowed`);
    else {
      fault = ctx.faults.take(endpoint);
      answer = await answerWithFault(ctx, fault, match.route, simReq, match.params);
    }
  } catch (err) {
    ctx.logger?.warn({ err, endpoint }, 'simulator handler failed');
    answer = errorAnswer(500, 'Internal simulator error');
  }
  if (answer === 'reset') resetConnection(req);
  else writeSimResponse(res, answer);
  const status = answer === 'reset' ? 'reset' : answer.status;
  const entry = { endpoint, method: simReq.method, path: simReq.path, query: queryObject(simReq.query) };
  ctx.log.record({ ...entry, receivedAt: simReq.receivedAt, status, answeredAt: Date.now(), ...kindOf(fault) });
  ctx.logger?.debug({ ...entry, status, fault: fault?.kind }, 'simulator answered');
}

async function answerWithFault(
  ctx: DispatchContext,
  fault: SimFault | undefined,
  route: SimRoute,
  simReq: SimRequest,
  params: Record<string, string>,
): Promise<Answer> {
  switch (fault?.kind) {
    case undefined:
      return route.handle(simReq, params);
    case 'status': {
      const errorBody = ctx.errorBodies.get(route.endpoint) ?? defaultErrorBody;
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter };
      return {
        status: fault.status,
        headers,
        body: fault.body ?? errorBody(fault.status, statusMessage(fault.status)),
      };
    }
    case 'reset':
      return 'reset';
    case 'delay':
      await sleep(fault.ms);
      return route.handle(simReq, params);
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

/** 401/403 in the owning provider's error shape, or undefined when the credential is accepted. */
function checkAuth(ctx: DispatchContext, simReq: SimRequest, endpoint: string): SimResponse | undefined {
  const { auth } = ctx;
  const body = ctx.errorBodies.get(endpoint) ?? defaultErrorBody;
  const accepted = auth?.bearerTokens ?? [];
  const forbidden = auth?.forbiddenTokens ?? [];
  if (accepted.length === 0 && forbidden.length === 0) return undefined;
  const token = credentialOf(simReq);
  if (token !== undefined && forbidden.includes(token)) {
    return { status: 403, body: body(403, 'The access token lacks the scope required for this operation.') };
  }
  if (token === undefined || !accepted.includes(token)) {
    const message = 'The request requires a valid access token set in the Authorization request header.';
    return { status: 401, body: body(401, message) };
  }
  return undefined;
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

function kindOf(fault: SimFault | undefined): { fault?: string } {
  return fault ? { fault: fault.kind } : {};
}
