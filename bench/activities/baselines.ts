/**
 * Activities of the baseline designs. They start and poll through bulkflow's own provider code (the same HTTP
 * client and status mapping), so only the waiting mechanism differs from bulkflow.
 */
import { Context, activityInfo } from '@temporalio/activity';
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import type { ActivityDeps } from '../../src/activities';
import { bind } from '../../src/activities/context';
import type { PlannedBatch } from '../../src/domain/job';

export interface BaselineRequest {
  readonly orgId: string;
  readonly users: readonly { userId: string; locationId: string; extension?: string }[];
}

export interface BaselineJob {
  readonly providerJobId: string;
  readonly batch: PlannedBatch;
}

export interface BaselineOutcome {
  readonly polls: number;
  readonly state: string;
}

const OPERATION = 'webex.moveUsers';

export function createBaselineActivities(deps: ActivityDeps) {
  const poll = async (job: BaselineJob): Promise<string> => {
    const { operation, ctx } = bind(deps, OPERATION, 'default');
    return (await operation.poll(ctx, job.providerJobId, job.batch)).snapshot.state;
  };
  return {
    /** Starts the provider job of the request's first batch. */
    async benchStartMoveJob(request: BaselineRequest): Promise<BaselineJob> {
      const { operation, ctx } = bind(deps, OPERATION, 'default');
      const batch = operation.plan(operation.inputSchema.parse(request))[0];
      if (!batch) throw new Error('the request planned no batch');
      const idempotencyKey = activityInfo().workflowExecution?.workflowId ?? 'bench-baseline';
      const started = await operation.start(ctx, batch, { idempotencyKey, dryRun: false });
      if (started.kind !== 'started') throw new Error('the provider only validated the batch');
      return { providerJobId: started.providerJobId, batch };
    },
    /** One status poll; the workflow decides whether to sleep and poll again. */
    benchPollMoveJob: poll,
    /** Polls, heartbeats and sleeps until the job is terminal, holding a worker slot the whole time. */
    async benchAwaitMoveJobHeartbeating(job: BaselineJob & { pollIntervalMs: number }): Promise<BaselineOutcome> {
      const context = Context.current();
      let polls = (context.info.heartbeatDetails as { polls?: number } | undefined)?.polls ?? 0;
      for (;;) {
        const state = await poll(job);
        polls += 1;
        if (state !== 'running') return { polls, state };
        context.heartbeat({ polls });
        await context.sleep(job.pollIntervalMs);
      }
    },
    /** Fails retryably, 1 ms apart, until attempt `attempts`: the cheapest activity attempt there is. */
    benchTrivialAttempt(attempts: number): Promise<number> {
      const { attempt } = activityInfo();
      if (attempt >= attempts) return Promise.resolve(attempt);
      return Promise.reject(
        ApplicationFailure.create({ message: 'again', nextRetryDelay: 1, category: ApplicationFailureCategory.BENIGN }),
      );
    },
  };
}

export type BaselineActivities = ReturnType<typeof createBaselineActivities>;
