/**
 * The worker's connection (`NativeConnection`, from the SDK's native core) to a Temporal endpoint. A file of its own,
 * outside the folder's barrel: only worker code loads the native core.
 */
import { NativeConnection } from '@temporalio/worker';
import { connectionSettings } from './endpoint';
import type { TemporalEndpoint } from './endpoint';

/** A worker connection to `endpoint`. Thrown when Temporal does not answer or refuses the connection. */
export function connectWorker(endpoint: TemporalEndpoint): Promise<NativeConnection> {
  return NativeConnection.connect(connectionSettings(endpoint));
}
