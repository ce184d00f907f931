/**
 * Workers that hold keys run no plaintext job. A client without the keys still starts jobs (Temporal stores what it
 * is given), and the codec passes unencrypted payloads through on decode so that histories written before encryption
 * stay readable; so the check is made once, when a job is planned: the input as recorded in the first event of its
 * history must be encrypted. A job whose input is not is refused for good (`PlaintextInputError`), which its status
 * shows, instead of running with its users' data in plaintext in Temporal.
 */
import { Context } from '@temporalio/activity';
import type { Payload } from '@temporalio/common';
import { PlaintextInputError, isEncrypted } from '../codec';
import { withoutClaimCheck } from '../data-converter';
import type { ActivityDeps } from './context';

/** Thrown when `input` (as recorded in history) was not encrypted: `PlaintextInputError`. */
export async function assertRecordedEncrypted(deps: Pick<ActivityDeps, 'config'>, input: Payload): Promise<void> {
  if (!isEncrypted(await withoutClaimCheck(deps.config.temporal, input))) throw new PlaintextInputError();
}

/**
 * Checks the input of the workflow running this activity, when this worker holds keys (without keys: nothing to
 * check). Thrown: `PlaintextInputError`; errors of the history read (retryable).
 */
export async function assertJobInputEncrypted(deps: Pick<ActivityDeps, 'config' | 'temporalClient'>): Promise<void> {
  const { temporal } = deps.config;
  const { workflowExecution } = Context.current().info;
  if (!temporal.encryption || !workflowExecution) return;
  const client = await deps.temporalClient();
  const { history } = await client.workflowService.getWorkflowExecutionHistory({
    namespace: temporal.namespace,
    execution: workflowExecution,
    maximumPageSize: 1,
  });
  const input = history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (input) await assertRecordedEncrypted(deps, input);
}
