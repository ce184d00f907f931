/**
 * What one `startProviderJob` attempt leaves for the next in its heartbeat details (see start-provider-job.ts), and
 * what progress readers find there while a start waits for its tenant (client/live-progress.ts).
 */

/** What a start's checkpoint keeps of its wait for a busy tenant (see tenant-busy.ts). */
export interface BusyWait {
  /** The batch whose start waits. */
  readonly batch: number;
  /** Epoch ms of the first busy refusal of this start. */
  readonly sinceMs: number;
  /**
   * Epoch ms of the latest busy refusal: every job the tenant's list shows created before it is another caller's, so a
   * start whose send state became unknown afterwards reconciles from it, never adopting the job it waited for.
   */
  readonly lastRefusedMs: number;
  /** The provider's id of the job in the way, when known. */
  readonly runningJobId?: string;
}

export type StartCheckpoint =
  /** `busy`: the wait for a busy tenant so far, kept across a send whose fate is unknown. */
  | { readonly phase: 'sending'; readonly attempt: number; readonly busy?: BusyWait }
  | { readonly phase: 'sent'; readonly attempt: number; readonly providerJobId: string }
  | {
      readonly phase: 'notAccepted';
      readonly attempt: number;
      readonly notBeforeMs?: number;
      /** An earlier request of this start may have been accepted: the refusal settles nothing. */
      readonly uncertain?: true;
      /** The tenant is busy with a job that is not ours: since when this start waits (see tenant-busy.ts). */
      readonly busy?: BusyWait;
    };
