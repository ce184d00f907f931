/**
 * `bulkflow audit <jobId>`: the job explained from its workflow history (every run), as text, JSON or NDJSON.
 * With `--history`, reads exported histories (`temporal workflow show --output json`) instead of the server, so a
 * job can be audited from an archive after the namespace's retention has removed it.
 */
import { readFile } from 'node:fs/promises';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Option } from 'commander';
import type { Command } from 'commander';
import { AUDIT_FORMATS, decodeHistory, formatTimeline, timelineFromHistories } from '../../audit';
import { readingCodecsFor } from '../../data-converter';
import type { AuditFormat, AuditTimeline } from '../../audit';
import { LAYOUT_CHARS, temporalConfig, withJob } from '../context';
import { escapeUnsafeChars } from '../../domain/safe-text';
import type { CliIo } from '../context';
import { EXAMPLE_JOB_ID, EXAMPLE_KEY, JOB_ARGUMENT } from '../help-examples';

interface AuditFlags {
  readonly format: AuditFormat;
  readonly history?: string[];
}

/** Exported histories, decoded with the keys and the claim-check store of the environment (or of `npm start`). */
async function fromFiles(io: CliIo, jobId: string, files: readonly string[]): Promise<AuditTimeline> {
  const codecs = readingCodecsFor(temporalConfig(io));
  const histories = await Promise.all(
    files.map(async (file) => {
      const history = historyFromJSON(JSON.parse(await readFile(file, 'utf8')) as unknown);
      return decodeHistory(history, codecs);
    }),
  );
  return timelineFromHistories(jobId, histories);
}

export function registerAudit(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('audit')
    .description('explain a job from its workflow history: who asked, what each provider said, what failed')
    .argument('<jobId>', JOB_ARGUMENT)
    .addOption(new Option('--format <format>', 'output format').choices(AUDIT_FORMATS).default('text'))
    .option('--history <files...>', 'exported histories of the runs, oldest first, instead of asking Temporal')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        `  $ bulkflow audit ${EXAMPLE_JOB_ID}`,
        `  $ bulkflow audit ${EXAMPLE_KEY} --format ndjson >> audit.log   # the key alone, when one of your jobs has it`,
        `  $ temporal workflow show -w ${EXAMPLE_JOB_ID} --output json > run1.json`,
        `  $ bulkflow audit ${EXAMPLE_JOB_ID} --history run1.json --format json`,
      ].join('\n'),
    )
    .action(async (jobId: string, flags: AuditFlags) => {
      const timeline = flags.history?.length
        ? await fromFiles(io, jobId, flags.history)
        : await withJob(io, jobId, (jobs, id) => jobs.audit(id));
      io.stdout.write(escapeUnsafeChars(formatTimeline(timeline, flags.format), LAYOUT_CHARS));
      exit(0);
    });
}
