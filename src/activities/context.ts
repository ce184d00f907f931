/** What activities need, and how they reach one provider operation over one connection. */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { resolveConnection } from '../connections-config';
import type { AppConfig } from '../config';
import type { Connection } from '../connections-config';
import type { OperationId } from '../domain/job';
import { DEFAULT_TIMEOUT_MS, createHttpClient } from '../http/client';
import type { DelayPolicy } from '../http/retry-after';
import type { SharedRetryAfter } from '../http/client';
import type { RetryAfterWindows } from '../http/retry-after-windows';
import type { ScopeCooldowns } from '../http/scope-cooldown';
import type { ConnectionCredential } from '../providers/auth';
import type { OperationContext, OperationLogger, ProviderOperation } from '../providers/types';
import { ConnectionCredentials, withRenewalLog } from './connection-credentials';
import { toFailure } from './failures';
import { recordHeldRequest } from './metrics';

export interface ActivityDeps {
  readonly config: AppConfig;
  readonly getOperation: (id: OperationId) => ProviderOperation;
  readonly delayPolicy: DelayPolicy;
  /** Clock and randomness are injectable so tests can pin them. */
  readonly now: () => number;
  readonly random: () => number;
  /** A Temporal client of the worker's own cluster, for the per-tenant semaphore (created lazily). */
  readonly temporalClient: () => Promise<Client>;
  /** `Retry-After` windows shared by the worker's requests; absent, each activity keeps only its own. */
  readonly retryAfterWindows?: RetryAfterWindows;
  /**
   * One cooldown per rate-limit scope (a connection), shared by the worker's requests: a 423/429 with `Retry-After`
   * holds back every request of the scope. Absent or undefined: only identical requests share a window (the bench's
   * baseline, and tests whose expected timelines are the provider's own waits).
   */
  readonly scopeCooldowns?: ScopeCooldowns | undefined;
  /** Connections' credentials shared by the worker's activities; absent, each activity obtains its own token. */
  readonly credentials?: ConnectionCredentials;
}

export interface Bound {
  readonly operation: ProviderOperation;
  readonly ctx: OperationContext;
}

/** Temporal's activity logger, adapted to the object-first shape the providers use. */
function activityLogger(): OperationLogger {
  const log = Context.current().log;
  return {
    info: (obj, msg) => {
      log.info(msg, obj);
    },
    warn: (obj, msg) => {
      log.warn(msg, obj);
    },
  };
}

/**
 * Share of what is left of an attempt (and of its heartbeat timeout) that one provider request may take. The rest is
 * for the failure to reach the server before the attempt's own timeout does, though the attempt started there a
 * little before this worker ran it: under load, a tenth of a 3-second attempt was not enough (the long soak).
 */
export const REQUEST_SHARE_OF_ATTEMPT = 0.75;

/** What bounds an attempt: Temporal's timeouts, as the activity's `info` carries them. */
export interface AttemptBounds {
  readonly startToCloseTimeoutMs: number;
  readonly heartbeatTimeoutMs?: number | undefined;
}

/**
 * The timeout of a request sent at `now` in an attempt that started at `startedAt`: the connection's own timeout,
 * cut to {@link REQUEST_SHARE_OF_ATTEMPT} of the attempt's remaining time and of its heartbeat timeout (collection
 * heartbeats before each request). A provider that stalls then fails the request inside the attempt, as a
 * retryable `ProviderUnavailableError` whose delay bulkflow chooses; were the attempt to time out instead, Temporal
 * would wait its retry policy's backoff for that attempt number, which after many polls is the 10-minute maximum.
 */
export function requestTimeoutMs(configuredMs: number, bounds: AttemptBounds, startedAt: number, now: number): number {
  const remaining = startedAt + bounds.startToCloseTimeoutMs - now;
  const limits = [configuredMs, Math.floor(remaining * REQUEST_SHARE_OF_ATTEMPT)];
  if (bounds.heartbeatTimeoutMs) limits.push(Math.floor(bounds.heartbeatTimeoutMs * REQUEST_SHARE_OF_ATTEMPT));
  return Math.max(1, Math.min(...limits));
}

/**
 * Resolves the operation, its connection and the connection's credential; credentials are read here, never passed
 * through workflows. Thrown when either is unknown: a non-retryable `ApplicationFailure` (InvalidRequestError); when
 * the connection lacks credentials: one of `ConfigError`.
 */
export function bind(deps: ActivityDeps, operationId: OperationId, connectionName: string): Bound {
  let operation: ProviderOperation;
  let connection: Connection;
  let auth: ConnectionCredential;
  try {
    operation = deps.getOperation(operationId);
    connection = resolveConnection(deps.config, operation.provider, connectionName);
    auth = (deps.credentials ?? new ConnectionCredentials()).credentialOf(operation, connection);
  } catch (err) {
    throw toFailure(err);
  }
  const bounds = Context.current().info;
  const startedAt = deps.now();
  const log = activityLogger();
  const configuredMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const http = createHttpClient({
    provider: operation.provider,
    baseUrl: connection.baseUrl,
    auth: withRenewalLog(auth, log, { provider: operation.provider, connection: connectionName }),
    timeoutMs: () => requestTimeoutMs(configuredMs, bounds, startedAt, deps.now()),
    ...(deps.retryAfterWindows
      ? { retryAfter: sharedRetryAfter(deps, deps.retryAfterWindows, operation, connectionName) }
      : {}),
  });
  return { operation, ctx: { http, log, authScheme: operation.auth.scheme(connection) } };
}

/** What this connection's client shares with the worker's other clients: its windows and its scope's cooldown. */
function sharedRetryAfter(
  deps: ActivityDeps,
  windows: RetryAfterWindows,
  operation: ProviderOperation,
  connectionName: string,
): SharedRetryAfter {
  const target = { operation: operation.id, provider: operation.provider };
  return {
    windows,
    scope: `${operation.provider}/${connectionName}`,
    ...(deps.scopeCooldowns
      ? {
          cooldowns: deps.scopeCooldowns,
          onHeld: () => recordHeldRequest(target),
          hold: scopeWait(deps),
        }
      : {}),
  };
}

/**
 * Waits out a slot inside the attempt when it ends well before the attempt does (half of what is left, so the request
 * itself still has time) and before a quarter of the heartbeat timeout (the wait sends no heartbeat: it would replace
 * the attempt's checkpoint); resolves `false` at once otherwise. Any attempt waits, whether it has sent a request or
 * not: an attempt failed by a held answer counts toward the retry policy's backoff by attempt, which spaces a start
 * whose send state is unknown (docs/decisions.md, "A held request's wait is bounded"). Thrown when the activity is
 * cancelled meanwhile.
 */
function scopeWait(deps: ActivityDeps): (ms: number) => Promise<boolean> {
  const context = Context.current();
  const { startToCloseTimeoutMs, heartbeatTimeoutMs } = context.info;
  const startedAt = deps.now();
  return async (ms) => {
    const left = startedAt + startToCloseTimeoutMs - deps.now();
    if (ms > left / 2 || (heartbeatTimeoutMs && ms > heartbeatTimeoutMs / 4)) return false;
    await context.sleep(ms);
    return true;
  };
}
