/**
 * Every Temporal connection of bulkflow: which Temporal (flags, `TEMPORAL_*` variables, the `temporal` CLI's
 * profiles, through `@temporalio/envconfig`), and the client connection to it. The worker's native connection is in
 * `native.ts`, apart, so that clients never load the native core.
 */
export { SETTINGS, TEMPORAL_VARIABLES, flagsAsEnv } from './flags';
export type { TemporalFlags } from './flags';
export { resolveTemporal } from './settings';
export type { ResolvedTemporal, TemporalSources } from './settings';
export {
  DEFAULT_NAMESPACE,
  DEFAULT_TEMPORAL_ADDRESS,
  connectClient,
  connectionSettings,
  plainEndpoint,
  temporalEndpoint,
  withDefaults,
} from './endpoint';
export type { ClientConnectOptions, TemporalEndpoint } from './endpoint';
export { TemporalConnectionRefusedError, explainRefusal, httpStatusOf } from './refusal';
