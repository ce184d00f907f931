/** `bulkflow cancel|pause|resume <jobId>`: signals a running job, recording who asked. */
import type { Command } from 'commander';
import { println, requester, withJob } from '../context';
import type { CliIo } from '../context';
import { JOB_ARGUMENT, jobExamples } from '../help-examples';

const ACTIONS = {
  cancel: 'cancel a running job (abandons its provider jobs where the provider can)',
  pause: 'pause a running job (and its provider jobs, where the provider can)',
  resume: 'resume a paused job',
} as const;

export function registerControl(program: Command, io: CliIo, exit: (code: number) => void): void {
  for (const [action, description] of Object.entries(ACTIONS) as Array<[keyof typeof ACTIONS, string]>) {
    program
      .command(action)
      .description(description)
      .argument('<jobId>', JOB_ARGUMENT)
      .option('--requested-by <who>', 'recorded as who asked (default: BULKFLOW_REQUESTED_BY or user@host)')
      .addHelpText('after', jobExamples(action))
      .action(async (jobId: string, flags: { requestedBy?: string }) => {
        const id = await withJob(
          io,
          jobId,
          async (jobs, resolved) => {
            await jobs[action](resolved, requester(io, flags.requestedBy));
            return resolved;
          },
          flags.requestedBy,
        );
        println(io.stdout, `${action} sent to job ${id}`);
        exit(0);
      });
  }
}
