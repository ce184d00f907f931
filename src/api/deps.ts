/** What the API needs from the outside world; tests pass fakes. */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ApiKeyConfig } from '../api-keys-config';
import type { BulkJobClient } from '../client';
import type { Connections } from '../connections-config';
import type { CallbackPolicy } from '../http/callback-policy';

/** The part of `BulkJobClient` the API uses. */
export type JobsApi = Pick<
  BulkJobClient,
  'startJob' | 'get' | 'info' | 'items' | 'list' | 'audit' | 'cancel' | 'pause' | 'resume' | 'ping'
>;

export interface AppDeps {
  readonly jobs: JobsApi;
  /** Accepted API keys (digests); none configured means every `/v1` request is 401. */
  readonly keys: readonly ApiKeyConfig[];
  /**
   * The provider connections of the configuration, for the tenants each serves; absent: none names any, so only
   * keys for every tenant may start jobs on a connection other than their tenant's own.
   */
  readonly connections?: Connections;
  /** Where completion callbacks may go; absent: no callbacks (a request with a `callbackUrl` is refused). */
  readonly callbacks?: CallbackPolicy;
  /** Feeds the API's request metrics (src/api/metrics.ts); absent: none are kept. */
  readonly metrics?: { hooks(app: FastifyInstance): void };
  /** Largest `text/csv` start body; absent: `CSV_BODY_LIMIT_BYTES` (body-limits.ts). Tests use a small one. */
  readonly csvBodyLimitBytes?: number;
  /** CSV starts read at once; absent: `MAX_CSV_STARTS` (csv-gate.ts). */
  readonly maxCsvStarts?: number;
  /** pino logger for requests and failures; silent when absent. */
  readonly logger?: Logger;
}
