/** `bulkflow result <jobId>`: waits (quietly) for the normalized result and prints it. */
import type { Command } from 'commander';
import { withJob } from '../context';
import type { CliIo } from '../context';
import { JOB_ARGUMENT, jobExamples } from '../help-examples';
import { awaitAndReport } from '../report';

export function registerResult(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('result')
    .description("print a job's normalized result (waits until it finishes)")
    .argument('<jobId>', JOB_ARGUMENT)
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      jobExamples(
        'result',
        ' --json > result.json',
        '\nExit codes: 0 succeeded, 2 partial, 1 failed/cancelled/terminated.',
      ),
    )
    .action(async (jobId: string, flags: { json?: boolean }) => {
      const options = { json: flags.json === true, progress: false };
      exit(await withJob(io, jobId, (jobs, id) => awaitAndReport(jobs, id, io, options)));
    });
}
