/**
 * Provider connections: named per provider in the `connections` section of the BULKFLOW_CONFIG file, and a `default`
 * connection per provider from `BULKFLOW_<PROVIDER>_<FIELD>` variables, which win over the file's.
 */
import { z } from 'zod';
import { ConfigError, InvalidRequestError } from './domain/errors';
import { PROVIDER_NAMES, type ProviderName } from './domain/job';

const DEFAULT_CONNECTION = 'default';

/** One named connection to a provider: where it is and how to authenticate. Secrets stay in activities. */
export const ConnectionSchema = z
  .object({
    baseUrl: z.url(),
    token: z.string().min(1).optional(),
    tokenFile: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    apiKey: z.string().min(1).optional(),
    timeoutMs: z.number().int().positive().max(600_000).optional(),
  })
  .strict();
export type Connection = z.infer<typeof ConnectionSchema>;

/** Every provider's connections by name. */
export type Connections = Readonly<Record<ProviderName, Readonly<Record<string, Connection>>>>;

/** The `connections` section of the config file: connections by provider, then by name. */
export const ConnectionsFileSectionSchema = z
  .object(Object.fromEntries(PROVIDER_NAMES.map((p) => [p, z.record(z.string().min(1), ConnectionSchema).optional()])))
  .strict();

type Env = Readonly<Record<string, string | undefined>>;

/** The fields of a provider's `default` connection that come from the environment. */
const ENV_FIELDS = ['baseUrl', 'token', 'tokenFile', 'username', 'password', 'apiKey'] as const;

/** The env variable of `field` of `provider`'s `default` connection, e.g. `BULKFLOW_WEBEX_BASE_URL`. */
export function connectionEnvVar(provider: ProviderName, field: (typeof ENV_FIELDS)[number]): string {
  return `BULKFLOW_${provider}_${field.replace(/[A-Z]/g, (c) => `_${c}`)}`.toUpperCase();
}

function connectionFromEnv(provider: ProviderName, env: Env): Record<string, Connection> {
  const values = Object.fromEntries(
    ENV_FIELDS.flatMap((field) => {
      const value = env[connectionEnvVar(provider, field)];
      return value === undefined || value === '' ? [] : [[field, value]];
    }),
  );
  if (Object.keys(values).length === 0) return {};
  const result = ConnectionSchema.safeParse(values);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = ENV_FIELDS.find((name) => name === issue?.path[0]);
    throw new ConfigError(
      field ? connectionEnvVar(provider, field) : `BULKFLOW_${provider.toUpperCase()}_*`,
      issue?.message ?? 'invalid',
    );
  }
  return { [DEFAULT_CONNECTION]: result.data };
}

/**
 * The connections of every provider: the file's, with each provider's `default` from the environment over them.
 * Thrown when a variable is invalid: `ConfigError` naming it.
 */
export function connectionsOf(
  fromFile: Partial<Record<ProviderName, Record<string, Connection>>>,
  env: Env,
): Connections {
  return Object.fromEntries(
    PROVIDER_NAMES.map((provider) => [provider, { ...fromFile[provider], ...connectionFromEnv(provider, env) }]),
  ) as Record<ProviderName, Record<string, Connection>>;
}

/** The named connection of a provider. Thrown when it is not configured: `InvalidRequestError` on `connection`. */
export function resolveConnection(
  config: { readonly connections: Connections },
  provider: ProviderName,
  name: string,
): Connection {
  const connection = config.connections[provider][name];
  if (!connection) {
    const known = Object.keys(config.connections[provider]);
    const list = known.length ? known.join(', ') : 'none';
    throw new InvalidRequestError('connection', `unknown ${provider} connection "${name}" (configured: ${list})`);
  }
  return connection;
}
