/**
 * The worker's connection (`NativeConnection`, from the SDK's native core) to a Temporal endpoint. A file of its own,
 * outside the folder's barrel: only worker code loads the native core.
 */
import { NativeConnection } from '@temporalio/worker';
import { connectionSettings } from './endpoint';
import type { TemporalEndpoint } from './endpoint';
import { explainRefusal } from './refusal';

/**
 * A worker connection to `endpoint`. Thrown: `TemporalConnectionRefusedError` when a proxy refuses the client's
 * certificate or credentials, else the SDK's `TransportError` when Temporal does not answer.
 */
export async function connectWorker(endpoint: TemporalEndpoint): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect(connectionSettings(endpoint));
  } catch (err) {
    throw explainRefusal(err, endpoint) ?? err;
  }
}
