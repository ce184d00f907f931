/** The credential of each provider connection, built once per worker and shared by its activities. */
import type { Renewal } from '../http/types';
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
      const renewal = await credential.renewAfter(rejected);
      log[renewal.kind === 'renewed' ? 'info' : 'warn'](fields, RENEWAL_MESSAGES[renewal.kind]);
      return renewal;
    },
  };
}

const RENEWAL_MESSAGES: Readonly<Record<Renewal['kind'], string>> = {
  renewed: 'provider refused the credential (401); sending again with a renewed one',
  stands: 'provider refused a fresh credential (401): permanent',
  notYet: 'provider refused a credential that had worked (401) and its source has nothing newer yet: retrying later',
};
