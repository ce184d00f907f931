/**
 * The envelope every simulated Webex bulk job shares (`WebexJobBaseShape`, the fixtures of
 * docs/contracts.md#webexmoveusers-payloads and docs/contracts.md#webexresendactivationemails-payloads), in the
 * fixtures' field order. Each operation's simulator adds its own `counts` and extras.
 */
import type { WebexJobExecution } from '../schemas';

/** What identifies a simulated Webex job. */
export interface SimWebexJob {
  readonly id: string;
  readonly trackingId: string;
  /** The org the job acts in: both its source and its target customer. */
  readonly orgId: string;
  readonly instanceId: number;
}

/** A simulated job's state as its envelope shows it. */
export interface WebexJobEnvelopeState {
  /** The job's `name` (`moveusers`, `resendinviteemail`); left out where the answer omits it. */
  readonly name?: string | undefined;
  /** The admin who started the job (`sourceUserId`). */
  readonly adminId: string;
  readonly executions: WebexJobExecution[];
  readonly status: string;
  readonly exitCode: string;
}

/** The fields of `WebexJobBaseShape` as the simulators write them. */
export interface WebexJobEnvelope {
  readonly name?: string;
  readonly id: string;
  readonly trackingId: string;
  readonly sourceUserId: string;
  readonly sourceCustomerId: string;
  readonly targetCustomerId: string;
  readonly instanceId: number;
  readonly jobExecutionStatus: WebexJobExecution[];
  readonly latestExecutionStatus: string;
  readonly latestExecutionExitCode: string;
}

/** The job object's common fields, before the operation's `counts`. */
export function renderJobEnvelope(job: SimWebexJob, state: WebexJobEnvelopeState): WebexJobEnvelope {
  return {
    ...(state.name === undefined ? {} : { name: state.name }),
    id: job.id,
    trackingId: job.trackingId,
    sourceUserId: state.adminId,
    sourceCustomerId: job.orgId,
    targetCustomerId: job.orgId,
    instanceId: job.instanceId,
    jobExecutionStatus: state.executions,
    latestExecutionStatus: state.status,
    latestExecutionExitCode: state.exitCode,
  };
}
