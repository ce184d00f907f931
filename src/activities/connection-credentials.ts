/** The credential of each provider connection, built once per worker and shared by its activities. */
import type { ConnectionCredential } from '../providers/auth';
import type { OperationLogger, ProviderOperation } from '../providers/types';
import type { Connection } from '../connections-config';

/**
 * Keeps one credential per connection (keyed by the configuration's connection object), so a token that a command
 * printed or an OAuth refresh issued serves every activity of the worker, and one renewal after a 401 serves them
 * all. Thrown by `credentialOf` when the connection lacks credentials: `ConfigError` naming `<provider> connection`.
 */
export class ConnectionCredentials {
  private readonly byConnection = new WeakMap<Connection, ConnectionCredential>();

  credentialOf(operation: Pick<ProviderOperation, 'auth' | 'provider'>, connection: Connection): ConnectionCredential {
    const known = this.byConnection.get(connection);
    if (known) return known;
    const credential = operation.auth.credential(operation.provider, connection);
    this.byConnection.set(connection, credential);
    return credential;
  }
}

/**
 * `credential` with its renewals logged on `log` (the connection's name and what happened, never a value): an
 * operator sees a token expire mid-job, and a renewal that found nothing newer.
 */
export function withRenewalLog(
  credential: ConnectionCredential,
  log: OperationLogger,
  fields: { readonly provider: string; readonly connection: string },
): ConnectionCredential {
  if (typeof credential === 'function') return credential;
  return {
    header: () => credential.header(),
    accepted: (value) => credential.accepted(value),
    renewAfter: async (rejected) => {
      const renewed = await credential.renewAfter(rejected);
      if (renewed === undefined) log.warn(fields, 'provider refused a fresh credential (401); nothing newer to send');
      else log.info(fields, 'provider refused the credential (401); sending again with a renewed one');
      return renewed;
    },
  };
}
