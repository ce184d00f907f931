/** Waiting for a job's result and reporting it: text or JSON on stdout, exit code by state. */
import { WorkflowFailedError } from '@temporalio/client';
import type { BulkJobClient } from '../client';
import { failureOf } from '../client/job-view';
import { println, progressMode } from './context';
import type { CliIo } from './context';
import { exitCodeOf, formatResult } from './output';
import { waitWithProgress } from './progress';

/** How a workflow that ended without a result ended, in the words of `status` and the audit. */
function endedWord(failureType: string): string {
  if (failureType === 'TerminatedFailure') return 'terminated';
  if (failureType === 'TimeoutFailure') return 'timed out';
  return 'failed';
}

/**
 * Awaits `jobId` (with progress when asked, never with `json`), prints the normalized result and returns the exit code:
 * 0 succeeded, 2 partial, 1 failed or cancelled — also 1 when the workflow failed without a result.
 */
export async function awaitAndReport(
  jobs: Pick<BulkJobClient, 'get' | 'result'>,
  jobId: string,
  io: CliIo,
  options: { readonly json: boolean; readonly progress: boolean },
): Promise<number> {
  const { json } = options;
  try {
    const mode = options.progress ? progressMode(io, json) : 'none';
    const result = await waitWithProgress(jobs, jobId, mode, io.stderr);
    println(io.stdout, json ? JSON.stringify(result, null, 2) : formatResult(result));
    return exitCodeOf(result.state);
  } catch (err) {
    if (!(err instanceof WorkflowFailedError)) throw err;
    const failure = failureOf(err);
    println(io.stderr, `job ${jobId} ${endedWord(failure.type)}: ${failure.type}: ${failure.message}`);
    return 1;
  }
}
