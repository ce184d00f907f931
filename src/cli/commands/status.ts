/** `bulkflow status <jobId>`: state, counts and provider jobs. */
import type { Command } from 'commander';
import { println, withJob } from '../context';
import type { CliIo } from '../context';
import { JOB_ARGUMENT, jobExamples } from '../help-examples';
import { formatView } from '../output';

export function registerStatus(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('status')
    .description("show a job's state, item counts and provider jobs")
    .argument('<jobId>', JOB_ARGUMENT)
    .option('--json', 'print the job view as JSON')
    .addHelpText('after', jobExamples('status'))
    .action(async (jobId: string, flags: { json?: boolean }) => {
      const view = await withJob(io, jobId, (jobs, id) => jobs.get(id));
      println(io.stdout, flags.json ? JSON.stringify(view, null, 2) : formatView(view));
      exit(0);
    });
}
