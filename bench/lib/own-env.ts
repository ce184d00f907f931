/**
 * The benchmark's stacks run on what the harness sets and nothing of the developer's own Temporal or bulkflow
 * setup: a `TEMPORAL_NAMESPACE` would send a worker process to a namespace its dev server does not have, an
 * encryption key file would fight the stack's own keys, and the SDK and its core read some `TEMPORAL_*` variables
 * themselves (`TEMPORAL_DEBUG` turns a worker's deadlock detection off). A developer's OpenTelemetry settings
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`) would send a worker's spans to their collector: a stack traces into its own, or not.
 */

const STACK_VARIABLE = /^(TEMPORAL_|BULKFLOW_|OTEL_)/;

/** `env` without `TEMPORAL_*`, `BULKFLOW_*` and `OTEL_*` variables: what a stack's worker process inherits. */
export function inheritedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).flatMap(([name, value]) =>
      value === undefined || STACK_VARIABLE.test(name) ? [] : [[name, value]],
    ),
  );
}

/**
 * Removes every `TEMPORAL_*` variable from `env` (this process's, so the SDK, its core and the dev servers the
 * harness starts never see them); returns their names.
 */
export function dropTemporalEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const names = Object.keys(env).filter((name) => name.startsWith('TEMPORAL_'));
  for (const name of names) delete env[name];
  return names;
}
