/**
 * What every operation simulator shares, written once: its configuration (parsed with the simulator's schema,
 * replaced by `setConfig` or `POST /__sim/<provider>/<operation>/config`, restored by `reset()`), its `GET …/jobs`
 * listing and `GET …/ledger`, and the test hooks. A provider's simulator supplies only its state, its endpoints and its job summaries.
 */
import type { z } from 'zod';
import type { OperationId } from '../domain/job';
import { CONTROL_PREFIX, controlBadRequest } from './control-api';
import type { LedgerJob } from './ledger';
import type { OperationSimulator, SimRoute } from './types';

/** The least a simulator's state holds: its jobs by id, in creation order, and its current configuration. */
export interface SimStoreBase<Config> {
  readonly jobs: ReadonlyMap<string, unknown>;
  config: Config;
}

/** An operation simulator with the hooks tests and the demo use. */
export interface ConfigurableSimulator<Config, Summary> extends OperationSimulator {
  /** The schema every configuration is parsed with: a strict object with no defaults (docs/adding-an-operation.md). */
  readonly configSchema: z.ZodType<Config>;
  /**
   * Replaces the configuration (omitted fields take the simulator's defaults where it reads them); jobs created
   * afterwards follow it.
   * Thrown when `config` is not a valid configuration: ZodError.
   */
  setConfig(config: Config): void;
  getConfig(): Config;
  /** Every job created, oldest first, as tests see it. */
  getJobs(): Summary[];
  jobCount(): number;
  /** Every job the provider accepted, oldest first, with what it did to each user so far. */
  ledger(): LedgerJob[];
  /** Forgets every job and restores the initial configuration. */
  reset(): void;
}

/** Builds one provider route whose endpoint is named `<operation>.<name>` (faults and the request log use it). */
export type RouteBuilder = (method: string, suffix: string, name: string, handle: SimRoute['handle']) => SimRoute;

/** A control route of one simulator, under its control path (`simControlPath`): a test's or the demo's scenario switch. */
export interface SimControl {
  readonly method: string;
  /** After the simulator's control path, e.g. `/foreign-jobs`. */
  readonly suffix: string;
  /** Named `sim.<operation>.<name>`. */
  readonly name: string;
  readonly handle: SimRoute['handle'];
}

/** What a provider's simulator supplies to `createOperationSimulator`. */
export interface OperationSimulatorSpec<Config, Store extends SimStoreBase<Config>, Summary> {
  readonly operation: OperationId;
  readonly configSchema: z.ZodType<Config>;
  /** The configuration the simulator starts with, and `reset()` restores. */
  readonly initial: Config;
  /** The state of a fresh simulator under `config` (its state after `reset()` too). */
  newStore(config: Config): Store;
  /** Takes a new configuration (`setConfig`, `POST …/config`); default: replaces `store.config`. */
  configure?(store: Store, config: Config): void;
  /** The provider's endpoints, each named `<operation>.<name>` (`routeBuilder` does that). */
  routes(store: Store): SimRoute[];
  /** Every job as tests see it, oldest first. */
  jobSummaries(store: Store, now: number): Summary[];
  /** Every job the provider accepted, oldest first, with each user's outcome at `now`. */
  ledger(store: Store, now: number): LedgerJob[];
  /** The provider's generic error body, for scripted status faults and auth failures on its endpoints. */
  errorBody?(status: number, message: string): unknown;
  /** Control routes of its own, besides `config`, `jobs` and `ledger` (scenarios no configuration can express). */
  controls?(store: Store): SimControl[];
}

/** `/__sim/<provider>/<operation in kebab-case>`, e.g. `/__sim/webex/move-users` for `webex.moveUsers`. */
export function simControlPath(operation: OperationId): string {
  const [provider, verbNoun = ''] = operation.split('.');
  return `${CONTROL_PREFIX}/${provider}/${verbNoun.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** A `RouteBuilder` for `operation` whose patterns start with `basePath`. */
export function routeBuilder(operation: OperationId, basePath = ''): RouteBuilder {
  return (method, suffix, name, handle) => ({
    method,
    pattern: `${basePath}${suffix}`,
    endpoint: `${operation}.${name}`,
    handle,
  });
}

/**
 * Creates the simulator of `spec.operation` with the shared configuration, reset and control routes.
 * Thrown when `spec.initial` is not a valid configuration (ZodError).
 */
export function createOperationSimulator<Config, Store extends SimStoreBase<Config>, Summary>(
  spec: OperationSimulatorSpec<Config, Store, Summary>,
): ConfigurableSimulator<Config, Summary> {
  const store = spec.newStore(spec.configSchema.parse(spec.initial));
  const configure = (config: Config): void => {
    if (spec.configure) spec.configure(store, config);
    else store.config = config;
  };
  const getJobs = (): Summary[] => spec.jobSummaries(store, Date.now());
  const ledger = (): LedgerJob[] => spec.ledger(store, Date.now());
  return {
    name: spec.operation,
    configSchema: spec.configSchema,
    routes: spec.routes(store),
    controlRoutes: controlRoutes(spec, store, configure, { getJobs, ledger }),
    ...(spec.errorBody ? { errorBody: spec.errorBody.bind(spec) } : {}),
    reset: () => {
      // A reset store is a fresh one: every field is replaced, and the routes, which hold `store`, see the new state.
      Object.assign(store, spec.newStore(spec.configSchema.parse(spec.initial)));
    },
    setConfig: (config) => configure(spec.configSchema.parse(config)),
    getConfig: () => store.config,
    getJobs,
    jobCount: () => store.jobs.size,
    ledger,
  };
}

function controlRoutes<Config, Store extends SimStoreBase<Config>, Summary>(
  spec: OperationSimulatorSpec<Config, Store, Summary>,
  store: Store,
  configure: (config: Config) => void,
  views: { readonly getJobs: () => Summary[]; readonly ledger: () => LedgerJob[] },
): SimRoute[] {
  const path = simControlPath(spec.operation);
  const control = (method: string, suffix: string, name: string, handle: SimRoute['handle']): SimRoute => ({
    method,
    pattern: `${path}${suffix}`,
    endpoint: `sim.${spec.operation}.${name}`,
    handle,
  });
  return [
    control('POST', '/config', 'config.set', (req) => {
      const parsed = spec.configSchema.safeParse(req.body ?? {});
      if (!parsed.success) return controlBadRequest(parsed.error);
      configure(parsed.data);
      return { status: 200, body: store.config };
    }),
    control('GET', '/config', 'config.get', () => ({ status: 200, body: store.config })),
    control('GET', '/jobs', 'jobs', () => ({ status: 200, body: { items: views.getJobs() } })),
    control('GET', '/ledger', 'ledger', () => ({ status: 200, body: { jobs: views.ledger() } })),
    ...(spec.controls?.(store) ?? []).map((c) => control(c.method, c.suffix, c.name, c.handle)),
  ];
}
