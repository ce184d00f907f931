/** Test data and calls of `webex.resendActivationEmails`, around the shared operation harness. */
import type { PlannedBatch, ProviderJobSnapshot } from '../../../../src/domain/job';
import {
  ActivationEmailsJobSchema,
  type ActivationEmailsJob,
} from '../../../../src/providers/webex-resend-activation-emails/schemas';
import type { WebexResendActivationEmailsSimConfig } from '../../../../src/providers/webex-resend-activation-emails/simulator';
import { planResendActivationEmails } from '../../../../src/providers/webex-resend-activation-emails/plan';
import { webexResendActivationEmails } from '../../../../src/providers/webex-resend-activation-emails';
import { startOperationHarness, type OperationHarness } from '../../../helpers/operation-harness';

/** A Webex-looking org id: base64 (no padding) of `ciscospark://us/ORGANIZATION/<uuid>`. */
export const ORG_ID = Buffer.from('ciscospark://us/ORGANIZATION/16706775-4543-4fd3-8677-0ba01f254ef4')
  .toString('base64')
  .replace(/=+$/, '');
export const OTHER_ORG_ID = Buffer.from('ciscospark://us/ORGANIZATION/2020a920-314c-476e-bcb1-a42a4b6c3603')
  .toString('base64')
  .replace(/=+$/, '');

/** Path of the jobs of `orgId` on the simulator. */
export function jobsPath(orgId: string = ORG_ID): string {
  return `/v1/identity/organizations/${encodeURIComponent(orgId)}/jobs/sendActivationEmails`;
}

export type SimHarness = OperationHarness<'webex.resendActivationEmails'>;

/** The simulator on a free port and a context that reaches it. */
export function startHarness(
  config: WebexResendActivationEmailsSimConfig = { pollsToComplete: 2 },
): Promise<SimHarness> {
  return startOperationHarness('webex.resendActivationEmails', config);
}

/** The one planned batch for `orgId`. */
export function batchFor(orgId: string = ORG_ID): PlannedBatch {
  const [batch] = planResendActivationEmails({ orgId });
  if (!batch) throw new Error('no batch planned');
  return batch;
}

/** Start options of every test start. */
export const START_OPTIONS = { idempotencyKey: 'k1', dryRun: false };

/** Starts the org job through the operation and returns its provider id. */
export async function startJob(h: SimHarness, batch: PlannedBatch = batchFor()): Promise<string> {
  const outcome = await webexResendActivationEmails.start(h.ctx, batch, START_OPTIONS);
  if (outcome.kind !== 'started') throw new Error(`expected a job, got ${outcome.kind}`);
  return outcome.providerJobId;
}

/** Polls through the operation until the job is terminal (at most 20 reads). */
export async function pollUntilDone(h: SimHarness, jobId: string): Promise<ProviderJobSnapshot> {
  for (let i = 0; i < 20; i += 1) {
    const { snapshot } = await webexResendActivationEmails.poll(h.ctx, jobId, batchFor());
    if (snapshot.state !== 'running') return snapshot;
  }
  throw new Error('job never finished');
}

/** Raw HTTP calls to the simulator at `url()`, for tests of the simulator itself. */
export function simulatorCalls(url: () => string) {
  const post = async (orgId = ORG_ID): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${url()}${jobsPath(orgId)}`, { method: 'POST' });
    return { status: res.status, json: await res.json() };
  };
  const startJob = async (orgId = ORG_ID): Promise<string> =>
    ActivationEmailsJobSchema.parse((await post(orgId)).json).id;
  const status = async (id: string, orgId = ORG_ID): Promise<ActivationEmailsJob> =>
    ActivationEmailsJobSchema.parse(await (await fetch(`${url()}${jobsPath(orgId)}/${id}/status`)).json());
  const finish = async (id: string): Promise<ActivationEmailsJob> => {
    for (let job = await status(id); ; job = await status(id))
      if (job.latestExecutionExitCode !== 'UNKNOWN') return job;
  };
  return { post, startJob, status, finish };
}
