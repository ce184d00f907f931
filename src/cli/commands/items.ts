/** `bulkflow items <jobId>`: every item of a job with its outcome (or pending), a page at a time or all of them. */
import { Option } from 'commander';
import type { Command } from 'commander';
import type { BulkJobClient, ItemsPage } from '../../client';
import type { ItemOutcomeKind, ListedItem } from '../../domain/items-page';
import { println, withJob } from '../context';
import type { CliIo } from '../context';
import { JOB_ARGUMENT, jobExamples } from '../help-examples';
import { formatItems, itemLine } from '../output';

const OUTCOMES: readonly ItemOutcomeKind[] = ['succeeded', 'failed', 'skipped', 'pending'];

interface ItemsFlags {
  readonly outcome?: ItemOutcomeKind;
  readonly limit?: string;
  readonly cursor?: string;
  readonly all?: boolean;
  readonly json?: boolean;
}

async function allItems(next: (cursor?: string) => Promise<ItemsPage>): Promise<ListedItem[]> {
  const items: ListedItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await next(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function printItems(io: CliIo, jobs: BulkJobClient, jobId: string, flags: ItemsFlags): Promise<void> {
  const base = {
    ...(flags.outcome ? { outcome: flags.outcome } : {}),
    ...(flags.limit ? { limit: flags.limit } : {}),
  };
  if (flags.all) {
    const items = await allItems((cursor) => jobs.items(jobId, { ...base, ...(cursor ? { cursor } : {}) }));
    println(io.stdout, flags.json ? JSON.stringify(items, null, 2) : items.map(itemLine).join('\n'));
    return;
  }
  const page = await jobs.items(jobId, { ...base, ...(flags.cursor ? { cursor: flags.cursor } : {}) });
  println(io.stdout, flags.json ? JSON.stringify(page, null, 2) : formatItems(page));
}

export function registerItems(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('items')
    .description("list a job's items: each outcome, and the items not done (pending) while it runs or after a cancel")
    .argument('<jobId>', JOB_ARGUMENT)
    .addOption(
      new Option(
        '--outcome <outcome>',
        'only items with this outcome (pending: never started or not reported)',
      ).choices(OUTCOMES),
    )
    .option('--limit <n>', 'items per page (1-1000, default 100)')
    .option('--cursor <cursor>', 'the page after the one that printed this cursor')
    .option('--all', 'every page')
    .option('--json', 'print JSON (a page, or with --all an array of items)')
    .addHelpText(
      'after',
      jobExamples('items', ' --outcome pending --all', '\nThe users a cancelled job left unprocessed, to start again:'),
    )
    .action(async (jobId: string, flags: ItemsFlags) => {
      await withJob(io, jobId, (jobs, id) => printItems(io, jobs, id, flags));
      exit(0);
    });
}
