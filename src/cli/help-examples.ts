/**
 * The job of every help example: an id that can exist, made by the job-id rule (src/job-id.ts) from the key it was
 * started with, and that key, which the commands reading a job accept in place of the id.
 */
import { jobIdFor } from '../job-id';

/** A made-up Webex org id (base64 of `ciscospark://us/ORGANIZATION/amsterdam`). */
const EXAMPLE_ORG = 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9hbXN0ZXJkYW0';
const EXAMPLE_REQUESTER = 'ops@example.com';

/** The idempotency key of the example job. */
export const EXAMPLE_KEY = 'move-amsterdam-2026-11';
/** The example job's id: `<tenant tag>.<caller tag>.<key>`. */
export const EXAMPLE_JOB_ID = jobIdFor(EXAMPLE_ORG, EXAMPLE_REQUESTER, EXAMPLE_KEY);

/** What every command that reads a job says about its argument. */
export const JOB_ARGUMENT = 'the job id, or the idempotency key it was started with';

/** Help text: `bulkflow <command> <id><rest>` with the full id, then with the key alone. */
export function jobExamples(command: string, rest = '', intro = ''): string {
  return [
    intro,
    '',
    'Examples:',
    `  $ bulkflow ${command} ${EXAMPLE_JOB_ID}${rest}`,
    `  $ bulkflow ${command} ${EXAMPLE_KEY}${rest}   # the key alone, when one of your jobs has it`,
  ].join('\n');
}
