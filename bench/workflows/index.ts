/** Workflow bundle of the benchmark workers: bulkflow's own workflows and the baselines. */
export { bulkJobWorkflow, tenantSemaphoreWorkflow } from '../../src/workflows';
export { heartbeatLoopWorkflow, trivialActivityWorkflow, workflowLoopPollerWorkflow } from './baselines';
