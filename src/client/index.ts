export { BulkJobClient } from './bulk-job-client';
export type { StartOptions } from './bulk-job-client';
export type { LiveProgress, PollCheckpoint } from './live-progress';
