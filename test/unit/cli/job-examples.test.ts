/**
 * Every example in the CLI's help and the docs names a job that can exist: an id made by the job-id rule, or the
 * idempotency key alone of such an id (which the commands accept).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { buildProgram } from '../../../src/cli';
import type { CliIo } from '../../../src/cli/context';
import { EXAMPLE_JOB_ID, EXAMPLE_KEY } from '../../../src/cli/help-examples';
import { jobIdFor, keyedPartsOf } from '../../../src/job-id';

const ROOT = join(__dirname, '..', '..', '..');
const JOB_COMMANDS = ['status', 'watch', 'result', 'items', 'cancel', 'pause', 'resume', 'audit'] as const;
/** A job argument in an example: `bulkflow <command> <arg>`, `-w <arg>`, `/v1/jobs/<arg>`. */
const JOB_ARGUMENT =
  /(?:bulkflow (?:status|watch|result|items|cancel|pause|resume|audit) +|(?<=\s)-w +|\/v1\/jobs\/)([^\s/`'?]+)/g;
/** Placeholders, not ids: `$JOB`, `<id>`, `{id}`, a route template's `:jobId`, flags. */
const PLACEHOLDER = /^[$<{[:-]/;

const io: CliIo = {
  stdout: new PassThrough(),
  stderr: new PassThrough(),
  env: {},
  readStdin: () => Promise.resolve(''),
};

function helpOf(command: string): string {
  const found = buildProgram(io, () => undefined).commands.find((c) => c.name() === command);
  if (!found) throw new Error(`no command ${command}`);
  let text = '';
  found.configureOutput({ writeOut: (chunk) => (text += chunk) });
  found.outputHelp();
  return text;
}

/** The job arguments of `text` that name no job that can exist. */
function impossibleIds(text: string): string[] {
  const args = [...text.matchAll(JOB_ARGUMENT)].map((m) => m[1] ?? '').filter((arg) => !PLACEHOLDER.test(arg));
  const keys = new Set(args.flatMap((arg) => keyedPartsOf(arg)?.key ?? []));
  return args.filter((arg) => keyedPartsOf(arg) === undefined && !keys.has(arg));
}

describe('job ids in examples', () => {
  it('makes the example id by the job-id rule from the example key', () => {
    expect(keyedPartsOf(EXAMPLE_JOB_ID)?.key).toBe(EXAMPLE_KEY);
    expect(EXAMPLE_JOB_ID).toBe(
      jobIdFor('Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9hbXN0ZXJkYW0', 'ops@example.com', EXAMPLE_KEY),
    );
  });

  it.each(JOB_COMMANDS)('shows `%s` with a full job id, and a key only beside the id it belongs to', (command) => {
    const help = helpOf(command);
    expect(help).toContain(EXAMPLE_JOB_ID);
    expect(impossibleIds(help)).toEqual([]);
  });

  it('uses ids that can exist in the README and every document', () => {
    const files = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((f) => join('docs', f))];
    const problems = files.flatMap((file) =>
      impossibleIds(readFileSync(join(ROOT, file), 'utf8')).map((id) => `${file}: ${id}`),
    );
    expect(problems).toEqual([]);
  });
});
