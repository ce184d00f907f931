/** `bulkflow watch <jobId>`: live progress until the job finishes, then its result. */
import type { Command } from 'commander';
import { withClient } from '../context';
import type { CliIo } from '../context';
import { awaitAndReport } from '../report';

export function registerWatch(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('watch')
    .description('follow a job until it finishes (live progress bar on a terminal), then print its result')
    .argument('<jobId>', 'the job id')
    .option('--json', 'no progress; print the normalized result as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 succeeded, 2 partial, 1 failed/cancelled.\n\nExample:\n  $ bulkflow watch move-amsterdam-2026-11',
    )
    .action(async (jobId: string, flags: { json?: boolean }) => {
      exit(
        await withClient(io, (jobs) => awaitAndReport(jobs, jobId, io, { json: flags.json === true, progress: true })),
      );
    });
}
