/** `bulkflow status <jobId>`: state, counts and provider jobs. */
import type { Command } from 'commander';
import { println, withClient } from '../context';
import type { CliIo } from '../context';
import { formatView } from '../output';

export function registerStatus(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('status')
    .description("show a job's state, item counts and provider jobs")
    .argument('<jobId>', 'the job id')
    .option('--json', 'print the job view as JSON')
    .addHelpText('after', '\nExample:\n  $ bulkflow status move-amsterdam-2026-11')
    .action(async (jobId: string, flags: { json?: boolean }) => {
      const view = await withClient(io, (jobs) => jobs.get(jobId));
      println(io.stdout, flags.json ? JSON.stringify(view, null, 2) : formatView(view));
      exit(0);
    });
}
