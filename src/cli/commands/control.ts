/** `bulkflow cancel|pause|resume <jobId>`: signals a running job, recording who asked. */
import type { Command } from 'commander';
import { println, requester, withClient } from '../context';
import type { CliIo } from '../context';

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
      .argument('<jobId>', 'the job id')
      .option('--requested-by <who>', 'recorded as who asked (default: BULKFLOW_REQUESTED_BY or user@host)')
      .addHelpText('after', `\nExample:\n  $ bulkflow ${action} move-amsterdam-2026-11`)
      .action(async (jobId: string, flags: { requestedBy?: string }) => {
        await withClient(io, (jobs) => jobs[action](jobId, requester(io, flags.requestedBy)));
        println(io.stdout, `${action} sent to job ${jobId}`);
        exit(0);
      });
  }
}
