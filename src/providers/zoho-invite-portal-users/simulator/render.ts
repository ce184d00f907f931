/**
 * Renders simulated jobs in the exact wire shapes of docs/contracts.md#zohoinviteportalusers-payloads (the fixtures'
 * field set and order).
 */
import type { SimResponse } from '../../../simulator/types';
import type { PortalInviteJob, PortalInviteStartEntry } from '../schemas';
import { isCompleted, type SimInviteJob } from './state';

/** A job as the status endpoint shows it: `data: null` while `in_progress`, the per-record results once `completed`. */
export function renderJob(job: SimInviteJob, now: number): PortalInviteJob {
  return isCompleted(job, now)
    ? { data: [...job.results], job_id: job.id, status: 'completed' }
    : { data: null, job_id: job.id, status: 'in_progress' };
}

/** The start answer: `SCHEDULED` + `details.job_id` (OAS). */
export function scheduledEntry(jobId: string): PortalInviteStartEntry {
  return {
    code: 'SCHEDULED',
    details: { job_id: jobId },
    message: 'The portal invite job has been scheduled.',
    status: 'success',
  };
}

/** The v7 page's copy of the single-invite answer under the bulk page: `SUCCESS` + `details.record_id`. */
export function singleInviteEntry(recordId: string): PortalInviteStartEntry {
  return {
    code: 'SUCCESS',
    details: { record_id: recordId },
    message: 'An Invite has been sent to the personality.',
    status: 'success',
  };
}

/**
 * A 200 JSON answer. With `numericJobIds`, every `job_id` is written as a bare number, digit for digit (the docs
 * label it "integer"): the raw text is built here because `JSON.stringify` of a JS number would round it.
 */
export function jsonAnswer(body: unknown, numericJobIds: boolean | undefined): SimResponse {
  if (!numericJobIds) return { status: 200, body };
  const text = JSON.stringify(body).replace(/"job_id":"(\d+)"/g, '"job_id":$1');
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: text };
}
