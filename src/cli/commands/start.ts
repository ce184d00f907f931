/** `bulkflow start <operation> --input <file.csv|file.json|-> …`: validates, starts, and optionally waits. */
import type { Command } from 'commander';
import { IdempotencyKeySchema, RequestValidationError, validateBulkJobRequest } from '../../client';
import { distinctIssues } from '../../csv-items';
import type { ValidatedRequest } from '../../client';
import { hasErrorName } from '../../domain/errors';
import { getOperation } from '../../providers/registry';
import { println, requester, withClient } from '../context';
import type { CliIo } from '../context';
import { buildInput } from '../input-file';
import type { BuiltInput } from '../input-file';
import type { FieldIssue } from '../../domain/field-path';
import { awaitAndReport } from '../report';

interface StartFlags {
  readonly input?: string;
  readonly set: string[];
  readonly itemsField?: string;
  readonly connection?: string;
  readonly tenant?: string;
  readonly idempotencyKey?: string;
  readonly dryRun?: boolean;
  readonly callbackUrl?: string;
  readonly requestedBy?: string;
  readonly wait?: boolean;
  readonly json?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The request's own fields, as the flags that give them. */
const FLAG_OF: Readonly<Record<string, string>> = {
  connection: '--connection',
  tenant: '--tenant',
  callbackUrl: '--callback-url',
  dryRun: '--dry-run',
};

/** A problem in the command line's words: a flag for the request's fields, the file or `--set` for its input. */
function explain(issue: FieldIssue, built: BuiltInput): FieldIssue {
  const flag = FLAG_OF[issue.field];
  return flag === undefined ? built.explain(issue) : { field: flag, message: issue.message };
}

/** Thrown when `--idempotency-key` is malformed, before anything connects: `RequestValidationError` naming it. */
function checkKey(key: string | undefined): void {
  const parsed = IdempotencyKeySchema.safeParse(key);
  if (key === undefined || parsed.success) return;
  throw new RequestValidationError([{ field: '--idempotency-key', message: parsed.error.issues[0]?.message ?? '' }]);
}

/**
 * Validates as every door does (`validateBulkJobRequest`); problems are reported in the command line's words: the
 * flag, file, row and column (`input-locate.ts`), with the count of all of them.
 */
function validate(operation: string, flags: StartFlags, built: BuiltInput): ValidatedRequest {
  const raw = {
    operation,
    input: built.input,
    dryRun: flags.dryRun === true,
    ...(flags.connection === undefined ? {} : { connection: flags.connection }),
    ...(flags.tenant === undefined ? {} : { tenant: flags.tenant }),
    ...(flags.callbackUrl === undefined ? {} : { callbackUrl: flags.callbackUrl }),
  };
  try {
    return validateBulkJobRequest(raw);
  } catch (err) {
    if (!hasErrorName(err, 'RequestValidationError')) throw err;
    const { issues, total, exact } = err as RequestValidationError;
    const explained = issues.map((issue) => explain(issue, built));
    const merged = distinctIssues(explained);
    throw new RequestValidationError(merged, { total: total - (explained.length - merged.length), exact });
  }
}

async function start(io: CliIo, operationId: string, flags: StartFlags): Promise<number> {
  const operation = getOperation(operationId);
  const built = await buildInput(operation, flags, io.readStdin);
  const validated = validate(operationId, flags, built);
  checkKey(flags.idempotencyKey);
  return withClient(io, async (jobs) => {
    const started = await jobs.startJob(validated.request, {
      requestedBy: requester(io, flags.requestedBy),
      tenant: validated.tenant,
      ...(flags.idempotencyKey === undefined ? {} : { idempotencyKey: flags.idempotencyKey }),
      ...(validated.callbackUrl === undefined ? {} : { callbackUrl: validated.callbackUrl }),
    });
    if (!flags.wait) {
      println(io.stdout, flags.json ? JSON.stringify(started) : `job ${started.jobId} started (${started.state})`);
      return 0;
    }
    if (!flags.json) println(io.stderr, `job ${started.jobId} started`);
    return awaitAndReport(jobs, started.jobId, io, { json: flags.json === true, progress: true });
  });
}

export function registerStart(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('start')
    .description('validate a request and start a bulk job')
    .argument('<operation>', 'operation id, e.g. webex.moveUsers')
    .option('-i, --input <file>', 'input: a .csv (one item per row), a .json input object, or - for stdin')
    .option('--set <key=value>', 'a top-level input field (repeatable), e.g. --set orgId=Y2lz…', collect, [])
    .option('--items-field <name>', 'the item list CSV rows fill, when the operation has several')
    .option('-c, --connection <name>', 'configured provider connection (default: default)')
    .option(
      '-t, --tenant <tenant>',
      'the tenant you expect; refused unless it is the one the input and connection act on',
    )
    .option('-k, --idempotency-key <key>', 'the same key and request again return the same job')
    .option('--dry-run', 'ask the provider to validate only')
    .option('--callback-url <url>', 'POST the result here when the job finishes (https, or http to 127.0.0.1)')
    .option('--requested-by <who>', 'recorded as the requester (default: BULKFLOW_REQUESTED_BY or user@host)')
    .option('-w, --wait', 'wait for the result (a live progress bar on a terminal)')
    .option('--json', 'print JSON only (with --wait: the normalized result)')
    .addHelpText(
      'after',
      '\nCSV: the header names item fields (for webex.moveUsers: userId,locationId,phoneNumber,extension); each row' +
        '\nbecomes one item; empty cells are omitted. `bulkflow schema <operation>` prints the columns of any operation,' +
        '\nand examples/ holds an input file for each. Exit codes with --wait: 0 succeeded, 2 partial, 1 failed/cancelled.' +
        '\n\nExample:\n  $ bulkflow start webex.moveUsers --input users.csv --set orgId=Y2lz… --wait',
    )
    .action(async (operation: string, flags: StartFlags) => exit(await start(io, operation, flags)));
}
