/**
 * Secure by default: a worker or an API that talks to a Temporal beyond this machine must encrypt payloads, unless
 * the operator explicitly accepts plaintext (`BULKFLOW_ALLOW_PLAINTEXT=true`). On a loopback address (the embedded
 * stack, tests) plaintext stays possible, though the embedded stack encrypts too.
 */
import { ConfigError } from '../domain/errors';
import type { EncryptionConfig } from './encryption-config';

/** True for host names and addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The host of a `host:port` address (`[v6]:port` too; a bare address is its own host). */
export function hostOf(address: string): string {
  if (address.startsWith('[')) return address.slice(0, address.indexOf(']') + 1);
  const colons = address.split(':').length - 1;
  return colons === 1 ? address.slice(0, address.indexOf(':')) : address;
}

export interface PlaintextPolicyInput {
  readonly address: string;
  readonly encryption?: EncryptionConfig;
  readonly allowPlaintext: boolean;
}

/**
 * Checks that a process about to serve `temporal` may do so. Thrown when it would store plaintext on a Temporal
 * beyond this machine without `BULKFLOW_ALLOW_PLAINTEXT=true`: `ConfigError` naming the variables.
 */
export function assertPayloadsProtected(temporal: PlaintextPolicyInput, what: string): void {
  if (temporal.encryption || temporal.allowPlaintext || isLoopbackHost(hostOf(temporal.address))) return;
  throw new ConfigError(
    'BULKFLOW_ENCRYPTION_KEY_FILE / BULKFLOW_ENCRYPTION_KEYS',
    `not set, and TEMPORAL_ADDRESS (${temporal.address}) is not a loopback address: the ${what} would store job ` +
      'data in plaintext. Configure master keys and BULKFLOW_TENANT_KEY_DIR (docs/security.md), or set ' +
      'BULKFLOW_ALLOW_PLAINTEXT=true to accept plaintext',
  );
}
