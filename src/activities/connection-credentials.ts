/** The credential of each provider connection, built once per worker and shared by its activities. */
import type { ConnectionCredential } from '../providers/auth';
import type { ProviderOperation } from '../providers/types';
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
