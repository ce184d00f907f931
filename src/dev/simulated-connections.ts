/**
 * Every provider's `default` connection pointed at the simulators, with credentials they accept, for the embedded
 * stack, the integration tests and the benchmarks. Each provider gets the credential fields its operations' auth
 * declares, and the simulators accept what that auth sends, so a new provider needs no entry here.
 */
import { connectionEnvVar } from '../connections-config';
import { PROVIDER_NAMES } from '../domain/job';
import type { CredentialField } from '../providers/auth';
import { connectionAuthOf } from '../providers/registry';
import type { SimAuth } from '../simulator/credentials';

/** The value of each credential field of the simulated connections; they guard nothing real. */
export type SimulatedCredentials = Readonly<Record<CredentialField, string>>;

/**
 * The environment of every provider's `default` connection to the simulators at `url`. A simulator plays any tenant
 * (any Webex org), so each connection serves every tenant (`tenants: '*'`).
 */
export function simulatedConnectionsEnv(url: string, credentials: SimulatedCredentials): Record<string, string> {
  const entries = PROVIDER_NAMES.flatMap((provider): [string, string][] => [
    [connectionEnvVar(provider, 'baseUrl'), url],
    [connectionEnvVar(provider, 'tenants'), '*'],
    ...connectionAuthOf(provider).credentials.map((field): [string, string] => [
      connectionEnvVar(provider, field),
      credentials[field],
    ]),
  ]);
  return Object.fromEntries(entries);
}

/** Simulator auth that accepts exactly what those connections send (the part of `Authorization` after the scheme). */
export function simulatedConnectionsAuth(credentials: SimulatedCredentials): Required<Pick<SimAuth, 'bearerTokens'>> {
  const headers = PROVIDER_NAMES.map((provider) => connectionAuthOf(provider).authorization(provider, credentials));
  return { bearerTokens: [...new Set(headers.map((header) => header.slice(header.indexOf(' ') + 1)))] };
}
