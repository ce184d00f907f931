/** `bulkflow watch <jobId>`: live progress until the job finishes, then its result. */
import type { Command } from 'commander';
import { withJob } from '../context';
import type { CliIo } from '../context';
import { JOB_ARGUMENT, jobExamples } from '../help-examples';
import { awaitAndReport } from '../report';

export function registerWatch(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('watch')
    .description('follow a job until it finishes (live progress bar on a terminal), then print its result')
    .argument('<jobId>', JOB_ARGUMENT)
    .option('--json', 'no progress; print the normalized result as JSON')
    .addHelpText(
      'after',
      jobExamples('watch', '', '\nExit codes: 0 succeeded, 2 partial, 1 failed/cancelled/terminated.'),
    )
    .action(async (jobId: string, flags: { json?: boolean }) => {
      exit(
        await withJob(io, jobId, (jobs, id) =>
          awaitAndReport(jobs, id, io, { json: flags.json === true, progress: true }),
        ),
      );
    });
}
