/**
 * A Temporal endpoint: where to connect and how (TLS, API key, gRPC metadata), and the client connection built from
 * it. Every Temporal `Connection` of bulkflow is made here (the worker's `NativeConnection` in native.ts).
 */
import { Connection } from '@temporalio/client';
import type { ConnectionOptions } from '@temporalio/client';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { ResolvedTemporal, TemporalSources } from './settings';
import { resolveTemporal } from './settings';
import { explainRefusal } from './refusal';

/** The frontend of a Temporal that names no address (the dev server's default). */
export const DEFAULT_TEMPORAL_ADDRESS = '127.0.0.1:7233';
export const DEFAULT_NAMESPACE = 'default';

/** A resolved Temporal: address and namespace always set; TLS, API key and metadata when configured. */
export interface TemporalEndpoint extends ResolvedTemporal {
  readonly address: string;
  readonly namespace: string;
}

/**
 * The endpoint `sources` name, with the default address and namespace where they name none.
 * Thrown: as `resolveTemporal`.
 */
export function temporalEndpoint(sources: TemporalSources): TemporalEndpoint {
  return withDefaults(resolveTemporal(sources));
}

/** `resolved` completed with the default address and namespace. */
export function withDefaults(resolved: ResolvedTemporal): TemporalEndpoint {
  return {
    ...resolved,
    address: resolved.address ?? DEFAULT_TEMPORAL_ADDRESS,
    namespace: resolved.namespace ?? DEFAULT_NAMESPACE,
  };
}

/** A plain-text endpoint that nothing of the environment changes (the embedded stack, tests, the bench). */
export function plainEndpoint(address: string, namespace = DEFAULT_NAMESPACE): TemporalEndpoint {
  return { address, namespace };
}

/** What a client and a worker connection are given alike (the SDK's option names). */
export interface ConnectionSettings {
  readonly address: string;
  readonly tls?: TLSConfig | boolean;
  readonly apiKey?: string;
  readonly metadata?: Record<string, string>;
}

/** The SDK's connection settings of `endpoint`: the same for a client and a worker connection. */
export function connectionSettings(endpoint: TemporalEndpoint): ConnectionSettings {
  const { address, tls, apiKey, metadata } = endpoint;
  return {
    address,
    ...(tls !== undefined && { tls }),
    ...(apiKey !== undefined && { apiKey }),
    ...(metadata !== undefined && { metadata: { ...metadata } }),
  };
}

export interface ClientConnectOptions {
  /** Connect on first use instead of now (servers that must start while Temporal is down). */
  readonly lazy?: boolean;
  /** More SDK options (a connect timeout, interceptors, channel arguments). */
  readonly extra?: Omit<ConnectionOptions, 'address' | 'tls' | 'apiKey' | 'metadata'>;
}

/**
 * A client connection to `endpoint`. Thrown when not lazy: `TemporalConnectionRefusedError` when a proxy refuses the
 * client's certificate or credentials, else the SDK's connect error when Temporal does not answer.
 */
export async function connectClient(
  endpoint: TemporalEndpoint,
  options: ClientConnectOptions = {},
): Promise<Connection> {
  const settings = { ...options.extra, ...connectionSettings(endpoint) };
  if (options.lazy) return Connection.lazy(settings);
  try {
    return await Connection.connect(settings);
  } catch (err) {
    throw explainRefusal(err, endpoint) ?? err;
  }
}
