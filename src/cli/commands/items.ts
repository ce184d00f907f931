/** `bulkflow items <jobId>`: per-item outcomes, a page at a time or all of them. */
import type { Command } from 'commander';
import type { ItemsPage } from '../../client';
import type { ItemOutcome } from '../../domain/job';
import { println, withClient } from '../context';
import type { CliIo } from '../context';
import { formatItems, itemLine } from '../output';

interface ItemsFlags {
  readonly outcome?: 'succeeded' | 'failed' | 'skipped';
  readonly limit?: string;
  readonly cursor?: string;
  readonly all?: boolean;
  readonly json?: boolean;
}

async function allItems(next: (cursor?: string) => Promise<ItemsPage>): Promise<ItemOutcome[]> {
  const items: ItemOutcome[] = [];
  let cursor: string | undefined;
  do {
    const page = await next(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export function registerItems(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('items')
    .description("list a job's per-item outcomes (the items collected so far while it runs)")
    .argument('<jobId>', 'the job id')
    .option('--outcome <outcome>', 'only succeeded, failed or skipped items')
    .option('--limit <n>', 'items per page (1-1000, default 100)')
    .option('--cursor <cursor>', 'the page after the one that printed this cursor')
    .option('--all', 'every page')
    .option('--json', 'print JSON (a page, or with --all an array of items)')
    .addHelpText('after', '\nExample:\n  $ bulkflow items move-amsterdam-2026-11 --outcome failed --all')
    .action(async (jobId: string, flags: ItemsFlags) => {
      const base = {
        ...(flags.outcome ? { outcome: flags.outcome } : {}),
        ...(flags.limit ? { limit: flags.limit } : {}),
      };
      await withClient(io, async (jobs) => {
        if (flags.all) {
          const items = await allItems((cursor) => jobs.items(jobId, { ...base, ...(cursor ? { cursor } : {}) }));
          println(io.stdout, flags.json ? JSON.stringify(items, null, 2) : items.map(itemLine).join('\n'));
          return;
        }
        const page = await jobs.items(jobId, { ...base, ...(flags.cursor ? { cursor: flags.cursor } : {}) });
        println(io.stdout, flags.json ? JSON.stringify(page, null, 2) : formatItems(page));
      });
      exit(0);
    });
}
