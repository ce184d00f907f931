/** Workflow entry point for the worker bundle. */
export { bulkJobWorkflow } from './bulk-job';
export { tenantSemaphoreWorkflow } from './tenant-semaphore';
