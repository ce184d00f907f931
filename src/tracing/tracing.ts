/**
 * Tracing of one process: spans of Temporal's interceptors (client, workflow, activity) and of provider HTTP calls,
 * exported over OTLP/HTTP (JSON) when the standard `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_ENDPOINT` names a collector; off otherwise (no global is touched, every span is a no-op).
 * Started once per process, first by whichever part of it starts first (the embedded stack runs the API and the
 * worker in one process: they share it). The SDK and the exporter are loaded only then (about a quarter of a second of
 * a CLI run or a worker start, spent for nothing when no collector is named).
 */
import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ConfigError } from '../domain/errors';
import { AsyncLocalContextManager } from './context-manager';
import { SafeSpanProcessor } from './safe-spans';

type Env = Readonly<Record<string, string | undefined>>;

/** Where spans go: a full URL for traces, or a base URL that `/v1/traces` is appended to (the OTLP spec's rule). */
export interface TracingConfig {
  readonly url: string;
  readonly serviceName: string;
}

const TRACES_ENDPOINT = 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT';
const ENDPOINT = 'OTEL_EXPORTER_OTLP_ENDPOINT';

function httpUrl(variable: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, 'is not a URL (e.g. http://otel-collector:4318)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(variable, 'must be an http or https URL (bulkflow exports OTLP over HTTP)');
  }
  return url;
}

/**
 * Tracing settings from `env`, or `undefined` when no OTLP endpoint is set or `OTEL_SDK_DISABLED=true`.
 * `OTEL_SERVICE_NAME` overrides `defaultServiceName`. Thrown when an endpoint is not an http(s) URL: `ConfigError`
 * naming the variable.
 */
export function tracingConfigFrom(env: Env, defaultServiceName: string): TracingConfig | undefined {
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return undefined;
  const serviceName = env['OTEL_SERVICE_NAME'] || defaultServiceName;
  const traces = env[TRACES_ENDPOINT];
  if (traces) return { url: httpUrl(TRACES_ENDPOINT, traces).href, serviceName };
  const base = env[ENDPOINT];
  if (!base) return undefined;
  const url = httpUrl(ENDPOINT, base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`;
  return { url: url.href, serviceName };
}

/** The tracing of this process. */
export interface Tracing {
  /** Where ended spans go; `undefined` when tracing is off. */
  readonly spanProcessor: SpanProcessor | undefined;
  /** What the process's spans say it is; `undefined` when tracing is off. */
  readonly resource: Resource | undefined;
  /** Exports what is still buffered; call before the process exits. */
  flush(): Promise<void>;
}

const OFF: Tracing = { spanProcessor: undefined, resource: undefined, flush: () => Promise.resolve() };

let started: Promise<Tracing> | undefined;
let current: Tracing | undefined;

async function register(config: TracingConfig): Promise<Tracing> {
  const [{ W3CTraceContextPropagator }, { OTLPTraceExporter }, resources, { BasicTracerProvider, BatchSpanProcessor }] =
    await Promise.all([
      import('@opentelemetry/core'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/sdk-trace-base'),
    ]);
  // OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME (read by the env detector) win over the process's default name.
  const resource = resources.Resource.default()
    .merge(new resources.Resource({ 'service.name': config.serviceName }))
    .merge(resources.detectResourcesSync({ detectors: [resources.envDetectorSync] }));
  const spanProcessor = new SafeSpanProcessor(new BatchSpanProcessor(new OTLPTraceExporter({ url: config.url })));
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // W3C trace context: what the Temporal interceptors put in workflow and activity headers.
  provider.register({
    contextManager: new AsyncLocalContextManager().enable(),
    propagator: new W3CTraceContextPropagator(),
  });
  return { spanProcessor, resource, flush: () => provider.forceFlush() };
}

/**
 * Starts this process's tracing from `env` (see {@link tracingConfigFrom}) unless it already started, and returns it.
 * Thrown: `ConfigError` for a malformed endpoint.
 */
export function startTracing(env: Env, defaultServiceName: string): Promise<Tracing> {
  if (!started) {
    const config = tracingConfigFrom(env, defaultServiceName);
    started = (config ? register(config) : Promise.resolve(OFF)).then((tracing) => (current = tracing));
  }
  return started;
}

/** This process's tracing: off until {@link startTracing} turned it on (and resolved). */
export function currentTracing(): Tracing {
  return current ?? OFF;
}
