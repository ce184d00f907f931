/** What activities need, and how they reach one provider operation over one connection. */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { resolveConnection } from '../config';
import type { AppConfig, Connection } from '../config';
import type { OperationId } from '../domain/job';
import { createHttpClient } from '../http/client';
import type { DelayPolicy } from '../http/retry-after';
import type { OperationContext, OperationLogger, ProviderOperation } from '../providers/types';
import { toFailure } from './failures';

export interface ActivityDeps {
  readonly config: AppConfig;
  readonly getOperation: (id: OperationId) => ProviderOperation;
  readonly delayPolicy: DelayPolicy;
  /** Clock and randomness are injectable so tests can pin them. */
  readonly now: () => number;
  readonly random: () => number;
  /** A Temporal client of the worker's own cluster, for the per-tenant semaphore (created lazily). */
  readonly temporalClient: () => Promise<Client>;
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
 * Resolves the operation and its connection; credentials are read here, never passed through workflows.
 * Thrown when either is unknown: a non-retryable `ApplicationFailure` (InvalidRequestError).
 */
export function bind(deps: ActivityDeps, operationId: OperationId, connectionName: string): Bound {
  let operation: ProviderOperation;
  let connection: Connection;
  try {
    operation = deps.getOperation(operationId);
    connection = resolveConnection(deps.config, operation.provider, connectionName);
  } catch (err) {
    throw toFailure(err);
  }
  const http = createHttpClient({
    provider: operation.provider,
    baseUrl: connection.baseUrl,
    auth: () => operation.auth.authorization(operation.provider, connection),
    ...(connection.timeoutMs ? { timeoutMs: connection.timeoutMs } : {}),
  });
  return { operation, ctx: { http, log: activityLogger(), authScheme: operation.auth.scheme(connection) } };
}
