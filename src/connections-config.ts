/**
 * Provider connections: named per provider in the `connections` section of the BULKFLOW_CONFIG file, and a `default`
 * connection per provider from `BULKFLOW_<PROVIDER>_<FIELD>` variables, which win over the file's.
 */
import { z } from 'zod';
import { ConfigError, ConnectionNotServedError, InvalidRequestError } from './domain/errors';
import { PROVIDER_NAMES, type ProviderName } from './domain/job';
import { OAUTH_FIELDS, tokenSourceProblems } from './providers/credentials/token-source-fields';
import { connectionAuthOf } from './providers/registry';

const DEFAULT_CONNECTION = 'default';

/** One named connection to a provider: where it is and how to authenticate. Secrets stay in activities. */
export const ConnectionSchema = z
  .object({
    baseUrl: z.url(),
    token: z.string().min(1).optional(),
    tokenFile: z.string().min(1).optional(),
    /** A program and its arguments (no shell) that print the current token; run again after a 401. */
    tokenCommand: z.array(z.string().min(1)).min(1).optional(),
    /** The provider's OAuth token endpoint (Zoho: the data centre's accounts server). */
    oauthTokenUrl: z.url().optional(),
    oauthClientId: z.string().min(1).optional(),
    oauthClientSecret: z.string().min(1).optional(),
    oauthRefreshToken: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    apiKey: z.string().min(1).optional(),
    timeoutMs: z.number().int().positive().max(600_000).optional(),
    /**
     * The tenants whose jobs may run on this connection (its credentials and provider limits are theirs): a list,
     * or `'*'` for any. Unset: any tenant, but only for callers with rights on every tenant (see `requireServed`).
     */
    tenants: z.union([z.literal('*'), z.array(z.string().min(1)).min(1)]).optional(),
  })
  .strict()
  .superRefine(checkTokenSources);
export type Connection = z.infer<typeof ConnectionSchema>;

/** A token from one place only (see `tokenSourceProblems`). */
function checkTokenSources(connection: Readonly<Record<string, unknown>>, ctx: z.RefinementCtx): void {
  for (const { field, message } of tokenSourceProblems(connection))
    ctx.addIssue({ code: 'custom', path: [field], message });
}

/** Every provider's connections by name. */
export type Connections = Readonly<Record<ProviderName, Readonly<Record<string, Connection>>>>;

/**
 * A connection to `provider`: the OAuth fields only where the provider documents a refresh-token grant.
 * Thrown (as a schema issue on `oauthTokenUrl`) for another provider.
 */
function connectionSchemaOf(provider: ProviderName): z.ZodType<Connection> {
  if (connectionAuthOf(provider).refreshGrant) return ConnectionSchema;
  return ConnectionSchema.superRefine((c, ctx) => {
    if (OAUTH_FIELDS.some((field) => c[field] !== undefined)) {
      const message = `${provider} documents no OAuth refresh-token grant: give a token instead`;
      ctx.addIssue({ code: 'custom', path: ['oauthTokenUrl'], message });
    }
  });
}

/** The `connections` section of the config file: connections by provider, then by name. */
export const ConnectionsFileSectionSchema = z
  .object(
    Object.fromEntries(PROVIDER_NAMES.map((p) => [p, z.record(z.string().min(1), connectionSchemaOf(p)).optional()])),
  )
  .strict();

type Env = Readonly<Record<string, string | undefined>>;

/** The fields of a provider's `default` connection that come from the environment. */
const ENV_FIELDS = [
  'baseUrl',
  'token',
  'tokenFile',
  'tokenCommand',
  ...OAUTH_FIELDS,
  'username',
  'password',
  'apiKey',
  'tenants',
] as const;

/**
 * A field's value as the environment gives it: `tenants` is `*` or a comma-separated list; `tokenCommand` is a JSON
 * array of program and arguments, or a program path alone.
 */
function envValue(field: (typeof ENV_FIELDS)[number], value: string): unknown {
  if (field === 'tokenCommand') return value.trim().startsWith('[') ? parseJsonOrRaw(value) : [value];
  if (field !== 'tenants') return value;
  if (value.trim() === '*') return '*';
  return value
    .split(',')
    .map((tenant) => tenant.trim())
    .filter((tenant) => tenant !== '');
}

/** `text` parsed as JSON, or as it is when it is not JSON (the schema then names the field). */
function parseJsonOrRaw(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The env variable of `field` of `provider`'s `default` connection, e.g. `BULKFLOW_WEBEX_BASE_URL`. */
export function connectionEnvVar(provider: ProviderName, field: (typeof ENV_FIELDS)[number]): string {
  return `BULKFLOW_${provider}_${field.replace(/[A-Z]/g, (c) => `_${c}`)}`.toUpperCase();
}

function connectionFromEnv(provider: ProviderName, env: Env): Record<string, Connection> {
  const values = Object.fromEntries(
    ENV_FIELDS.flatMap((field) => {
      const value = env[connectionEnvVar(provider, field)];
      return value === undefined || value === '' ? [] : [[field, envValue(field, value)]];
    }),
  );
  if (Object.keys(values).length === 0) return {};
  const result = connectionSchemaOf(provider).safeParse(values);
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

/** Tenants a caller may act on: `'*'` for all, or a list (the API key's grant; every other door has all). */
export type CallerTenants = '*' | readonly string[];

/** The setting of the tenants connection `name` serves: the file's entry, and for `default` also the variable. */
function tenantsSetting(provider: ProviderName, name: string): string {
  const entry = `connections.${provider}.${name}.tenants`;
  return name === DEFAULT_CONNECTION ? `${entry} or ${connectionEnvVar(provider, 'tenants')}` : entry;
}

/** Why connection `name` may not carry a job on `tenant` for `caller`, or undefined when it may. */
function refusal(
  provider: ProviderName,
  name: string,
  connection: Connection | undefined,
  tenant: string,
  caller: CallerTenants,
): string | undefined {
  // Operations whose tenant is their connection (Oracle, FullStory, Zoho) act on the connection's own tenant.
  if (tenant === name) return undefined;
  const served = connection?.tenants;
  if (served === undefined) {
    if (caller === '*') return undefined;
    return (
      `${provider} connection ${name} names no tenants (${tenantsSetting(provider, name)}): ` +
      'a key limited to some tenants may use only a connection that names them'
    );
  }
  if (served === '*' || served.includes(tenant)) return undefined;
  return `${provider} connection ${name} does not serve tenant ${tenant} (${tenantsSetting(provider, name)}: ${served.join(', ')})`;
}

/**
 * Checks that connection `name` of `provider` may carry a job on `tenant` for a caller with rights on `caller`:
 * a connection serves the tenant of its own name and the tenants its `tenants` names (`'*'`: any); one that names
 * none serves any tenant, but only to callers with rights on every tenant. Every door checks it: the API before
 * it starts a job, and the worker when it plans one (so the typed client and the CLI go through it too).
 * Thrown when it may not: `ConnectionNotServedError` on `connection`.
 */
export function requireServed(
  connections: Connections | undefined,
  provider: ProviderName,
  name: string,
  tenant: string,
  caller: CallerTenants = '*',
): void {
  const problem = refusal(provider, name, connections?.[provider][name], tenant, caller);
  if (problem !== undefined) throw new ConnectionNotServedError(name, tenant, problem);
}
