/**
 * Another caller's Move Users job, as a scenario switch: `POST …/foreign-jobs` starts one in an org (the simulator's
 * own by default) that runs until `POST …/foreign-jobs/:jobId/end`. With `conflictWhileRunning`, it makes Webex refuse
 * every other start in that org with 409, as an org busy with someone else's job would.
 */
import { z } from 'zod';
import { controlBadRequest } from '../../../simulator/control-api';
import type { SimControl } from '../../../simulator/operation-simulator';
import { SIM_ORG_ID } from './ids';
import { createForeignJob, endForeignJob, viewOf } from './state';
import type { SimStore } from './store';

const ForeignJobRequestSchema = z.strictObject({ orgId: z.string().min(1).optional() });

/** The control routes that start and end another caller's job. */
export function foreignJobControls(store: SimStore): SimControl[] {
  return [
    {
      method: 'POST',
      suffix: '/foreign-jobs',
      name: 'foreignJobs.start',
      handle: (req) => {
        const parsed = ForeignJobRequestSchema.safeParse(req.body ?? {});
        if (!parsed.success) return controlBadRequest(parsed.error);
        const job = createForeignJob(parsed.data.orgId ?? SIM_ORG_ID, store.config, Date.now());
        store.jobs.set(job.id, job);
        return { status: 201, body: { id: job.id, orgId: job.orgId } };
      },
    },
    {
      method: 'POST',
      suffix: '/foreign-jobs/:jobId/end',
      name: 'foreignJobs.end',
      handle: (_req, params) => {
        const job = params.jobId === undefined ? undefined : store.jobs.get(params.jobId);
        if (!job?.foreign) return { status: 404, body: { message: `no foreign job ${params.jobId ?? ''}` } };
        const now = Date.now();
        endForeignJob(job, now);
        return { status: 200, body: { id: job.id, status: viewOf(job, now).status } };
      },
    },
  ];
}
