#!/usr/bin/env node
/**
 * `bulkflow`: the operator's command line. Talks to Temporal through BulkJobClient (the `temporal` CLI's connection
 * flags, TEMPORAL_* variables and profiles; BULKFLOW_TASK_QUEUE). Exit codes: 0 success (a job that succeeded), 2 a
 * partial job, 1 a failed or cancelled job, an invalid request or any other error.
 */
import { Command, CommanderError } from 'commander';
import type { RequestValidationError } from '../client';
import { errorMessage, hasErrorName } from '../domain/errors';
import { unlistedText } from '../domain/issue-list';
import { isTemporalUnreachable } from '../client/unreachable';
import { processIo, println, temporalLocation } from './context';
import type { CliIo } from './context';
import { registerAudit } from './commands/audit';
import { registerCallbackSecret } from './commands/callback-secret';
import { registerControl } from './commands/control';
import { registerDev } from './commands/dev';
import { registerItems } from './commands/items';
import { registerKeys } from './commands/keys';
import { registerList } from './commands/list';
import { registerResult } from './commands/result';
import { registerSchema } from './commands/schema';
import { registerSimulator } from './commands/simulator';
import { registerStart } from './commands/start';
import { registerStatus } from './commands/status';
import { registerWatch } from './commands/watch';
import { addTemporalOptions, temporalFlagsOf } from './temporal-options';

/** The program with every command; `exit` receives each command's exit code. */
export function buildProgram(io: CliIo, exit: (code: number) => void): Command {
  const program = new Command()
    .name('bulkflow')
    .description('Durable bulk user-administration jobs at SaaS providers, on Temporal')
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      'after',
      '\nExamples:\n  $ bulkflow schema webex.moveUsers   # its CSV columns and types, an example row' +
        '\n  $ bulkflow start webex.moveUsers --input users.csv --set orgId=Y2lz… --wait',
    );
  addTemporalOptions(program);
  // Commands read the connection flags when they run, once commander has parsed them.
  const cliIo: CliIo = { ...io, temporalFlags: () => temporalFlagsOf(program) };
  registerStart(program, cliIo, exit);
  registerSchema(program, cliIo, exit);
  registerStatus(program, cliIo, exit);
  registerWatch(program, cliIo, exit);
  registerResult(program, cliIo, exit);
  registerItems(program, cliIo, exit);
  registerControl(program, cliIo, exit);
  registerList(program, cliIo, exit);
  registerAudit(program, cliIo, exit);
  registerKeys(program, cliIo, exit);
  registerCallbackSecret(program, cliIo, exit);
  registerSimulator(program);
  registerDev(program);
  return program;
}

/** Prints an error the way an operator can act on it: each listed field of an invalid request on its own line, then how many more. */
export function reportError(io: CliIo, err: unknown): void {
  if (hasErrorName(err, 'RequestValidationError')) {
    const { issues, total, exact } = err as RequestValidationError;
    println(io.stderr, 'error: invalid request');
    for (const issue of issues) println(io.stderr, `  ${issue.field}: ${issue.message}`);
    const unlisted = unlistedText({ total, exact }, issues.length);
    if (unlisted !== undefined) println(io.stderr, `  … ${unlisted}`);
    return;
  }
  const message = errorMessage(err);
  const hint = isTemporalUnreachable(err) ? unreachableHint(io) : '';
  println(io.stderr, `error: ${message}${hint}`);
}

/** What to check when Temporal did not answer: the embedded stack whose descriptor named it, else the address. */
function unreachableHint(io: CliIo): string {
  try {
    const { stack, endpoint } = temporalLocation(io);
    if (stack) return ` (is the embedded stack of ${stack.path} running? Start it with npm start)`;
    return ` (is Temporal reachable at ${endpoint.address}? See --address, TEMPORAL_ADDRESS or the profile)`;
  } catch {
    // A setting or descriptor that does not read was already reported by the command itself.
    return '';
  }
}

async function main(): Promise<void> {
  const io = processIo();
  const program = buildProgram(io, (code) => {
    process.exitCode = code;
  });
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) throw err;
    reportError({ ...io, temporalFlags: () => temporalFlagsOf(program) }, err);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  void main();
}
