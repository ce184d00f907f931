/** `bulkflow list`: jobs by operation, provider, tenant, state, requester and start time, newest first. */
import type { Command } from 'commander';
import { println, withClient } from '../context';
import type { CliIo } from '../context';
import { listFilter } from '../list-filter';
import type { ListFlags } from '../list-filter';
import { formatJobs } from '../output';

interface ListOutputFlags extends ListFlags {
  readonly json?: boolean;
}

export function registerList(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('list')
    .description('list jobs, newest first (TSV with a header line, or --json)')
    .option('--operation <id>', 'e.g. webex.moveUsers')
    .option('--provider <name>', 'webex, oracle, fullstory or zoho')
    .option('--tenant <tenant>', 'provider tenant')
    .option(
      '--state <state>',
      'planning, running, paused, succeeded, partial, failed, cancelled, terminated or timedOut',
    )
    .option('--requested-by <who>', 'requester')
    .option('--since <iso>', 'started at or after (ISO 8601, e.g. 2026-11-01T00:00:00Z)')
    .option('--until <iso>', 'started before (ISO 8601)')
    .option('--limit <n>', 'jobs per page (1-1000, default 50)')
    .option('--cursor <cursor>', 'the page after the one that printed this cursor')
    .option('--json', 'print the page as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ bulkflow list --operation webex.moveUsers --state failed --since 2026-11-01T00:00:00Z',
    )
    .action(async (flags: ListOutputFlags) => {
      const { json: _json, ...rest } = flags;
      const filter = listFilter(rest);
      const page = await withClient(io, (jobs) => jobs.list(filter));
      println(io.stdout, flags.json ? JSON.stringify(page, null, 2) : formatJobs(page.jobs, page.nextCursor));
      exit(0);
    });
}
