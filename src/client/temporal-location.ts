/**
 * Where a client's Temporal is: the one its flags, `TEMPORAL_*` variables or `temporal` CLI profile name (in that
 * order, src/temporal-connection); only when none of them names one, the embedded stack beside it
 * (src/stack-descriptor.ts); else the default address.
 */
import { plainEndpoint, resolveTemporal, withDefaults } from '../temporal-connection';
import type { TemporalEndpoint, TemporalFlags } from '../temporal-connection';
import { withEmbeddedStack } from '../stack-descriptor';
import type { FoundStackDescriptor } from '../stack-descriptor';

type Env = Readonly<Record<string, string | undefined>>;

export interface TemporalLocation {
  readonly endpoint: TemporalEndpoint;
  /** The environment, completed from the embedded stack's descriptor when that stack is the one (keys, blob store). */
  readonly env: Env;
  /** The embedded stack's descriptor, when no setting named a Temporal and one was found. */
  readonly stack?: FoundStackDescriptor;
}

/**
 * Locates the Temporal of `env` and `flags`. The embedded stack's dev server takes plain text, so its endpoint
 * carries no TLS or API key; a namespace that a setting names still wins over the stack's. Thrown when a setting is
 * invalid or a descriptor does not read: `ConfigError` naming it.
 */
export function locateTemporal(env: Env, flags: TemporalFlags = {}, cwd?: string): TemporalLocation {
  const resolved = resolveTemporal({ env, flags });
  if (resolved.address !== undefined) return { endpoint: withDefaults(resolved), env };
  // No setting names a Temporal (TEMPORAL_ADDRESS may be set but disabled by --disable-config-env).
  const { env: completed, stack } = withEmbeddedStack({ ...env, TEMPORAL_ADDRESS: undefined }, cwd);
  if (!stack) return { endpoint: withDefaults(resolved), env };
  const { address, namespace } = stack.descriptor.temporal;
  return { endpoint: plainEndpoint(address, resolved.namespace ?? namespace), env: completed, stack };
}
