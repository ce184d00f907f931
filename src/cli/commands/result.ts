/** `bulkflow result <jobId>`: waits (quietly) for the normalized result and prints it. */
import type { Command } from 'commander';
import { withClient } from '../context';
import type { CliIo } from '../context';
import { awaitAndReport } from '../report';

export function registerResult(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('result')
    .description("print a job's normalized result (waits until it finishes)")
    .argument('<jobId>', 'the job id')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 succeeded, 2 partial, 1 failed/cancelled.\n\nExample:\n  $ bulkflow result move-amsterdam-2026-11 --json > result.json',
    )
    .action(async (jobId: string, flags: { json?: boolean }) => {
      const options = { json: flags.json === true, progress: false };
      exit(await withClient(io, (jobs) => awaitAndReport(jobs, jobId, io, options)));
    });
}
