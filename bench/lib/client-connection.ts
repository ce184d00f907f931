/**
 * The client connection of one benchmark stack, safe to close while calls are still in flight.
 *
 * The SDK retries a failed call from a timer (`makeGrpcRetryInterceptor`), and `Connection.close()` does not clear
 * those timers: a retry that fires after the close calls into the closed gRPC channel, which throws "Channel has
 * been shut down" from the timer, outside any promise, and kills the process. A scenario that fails leaves calls
 * in flight (the other jobs' `result()` long polls); when its stack stops its dev server they fail, are retried, and
 * the retry took the harness down with every scenario after it. Here retries stop once the stack is stopping, and
 * the channel is closed only after the last retry already scheduled has run.
 */
import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import type { Connection, ConnectionOptions } from '@temporalio/client';
import { connectClient, plainEndpoint } from '../../src/temporal-connection';
import { delay } from './scenario';

export interface StackConnection {
  readonly connection: Connection;
  /** From now on, no failed call is retried (they fail at once: the server is about to go). */
  stopRetrying(): void;
  /** Stops retrying, waits for the retries already scheduled to have run, and closes the channel. */
  close(): Promise<void>;
}

export async function connectStack(
  options: Pick<ConnectionOptions, 'channelArgs'> & { readonly address: string },
): Promise<StackConnection> {
  const defaults = defaultGrpcRetryOptions();
  let retrying = true;
  let lastRetryAt = 0;
  const connection = await connectClient(plainEndpoint(options.address), {
    extra: {
      ...(options.channelArgs && { channelArgs: options.channelArgs }),
      interceptors: [
        makeGrpcRetryInterceptor({
          retryableDecider: (attempt, status) => retrying && defaults.retryableDecider(attempt, status),
          delayFunction: (attempt, status) => {
            const ms = defaults.delayFunction(attempt, status);
            lastRetryAt = Math.max(lastRetryAt, Date.now() + ms);
            return ms;
          },
        }),
      ],
    },
  });
  return {
    connection,
    stopRetrying() {
      retrying = false;
    },
    async close() {
      retrying = false;
      // No retry is scheduled after this point, and each one scheduled before runs by lastRetryAt.
      while (Date.now() <= lastRetryAt) await delay(lastRetryAt - Date.now() + 1);
      await connection.close();
    },
  };
}
