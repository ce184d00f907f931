/** Renders simulated jobs in Oracle's shapes: the `UserDataStore` echo, the failed-users CSV, the job log, errors. */
import { STATUS_CODES } from 'node:http';
import type { OracleErrorBody } from '../schemas';
import { isComplete, processedCount, type SimJobEntry, type SimUserJob } from './state';
import { V1_ROOT, V3_ROOT } from '../wire';

/** The status endpoint's messages (seed "Get Job status": the 200 and 202 response descriptions). */
export const DONE_MESSAGE = 'Create/Modify Users job has been successfully executed.';
export const RUNNING_MESSAGE = 'This Create/Modify Users job is currently in progress.';

/** Oracle's error body as the simulator sends it: `UserDataStore`-style `{ exception, message }` (UNCONFIRMED). */
export function oracleErrorBody(status: number, message: string, exception = keyOf(status)): OracleErrorBody {
  return { exception, localizedException: false, message };
}

/** `409` → `CONFLICT`, `429` → `TOO_MANY_REQUESTS`. */
function keyOf(status: number): string {
  return (STATUS_CODES[status] ?? `HTTP ${status}`).toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** Path of a job's status resource on the API version the job was started on. */
export function statusResourcePath(job: SimUserJob): string {
  return `${job.version === 'v3' ? V3_ROOT : V1_ROOT}/user/status/${job.id}`;
}

/** The `UserDataStore` echo of a job at `now`: processed users carry their result, the others `processed: false`. */
export function renderEcho(job: SimUserJob, now: number): Record<string, unknown> {
  const done = processedCount(job, now);
  const complete = isComplete(job, now);
  const processed = (entry: SimJobEntry): boolean => job.entries.indexOf(entry) < done;
  const users = (list: 'added' | 'modified'): Array<Record<string, unknown>> =>
    job.entries
      .filter((e) => e.list === list)
      .map((e) =>
        processed(e)
          ? { ...e.user, statusInfo: e.statusInfo, statusInfoOK: e.statusInfoOK, processed: true }
          : { ...e.user, processed: false },
      );
  const deleteFailed = job.entries
    .filter((e) => e.list === 'deleted' && processed(e) && !e.statusInfoOK)
    .map((e) => ({ loginId: e.loginId, statusInfo: e.statusInfo, statusInfoOK: false }));
  const exception = complete && job.exception ? job.exception : undefined;
  return {
    added: users('added'),
    modified: users('modified'),
    deleted: job.entries.filter((e) => e.list === 'deleted').map((e) => e.loginId),
    deleteFailed,
    localizedException: false,
    message: exception?.message ?? (complete ? DONE_MESSAGE : RUNNING_MESSAGE),
    ...(exception ? { exception: exception.exception } : {}),
  };
}

/** Processed users that failed, in processing order. */
export function failedEntries(job: SimUserJob, now: number): SimJobEntry[] {
  return job.entries.slice(0, processedCount(job, now)).filter((e) => !e.statusInfoOK);
}

const CSV_COLUMNS = ['Login ID', 'First Name', 'Last Name', 'Email Address', 'Company', 'Action', 'Status Info'];

/** `/draft`: the users that failed, as CSV. */
export function renderDraftCsv(job: SimUserJob, now: number): string {
  const rows = failedEntries(job, now).map((e) => [
    e.loginId,
    e.user?.firstName ?? '',
    e.user?.lastName ?? '',
    e.user?.emailAddress ?? '',
    e.user?.organization?.name ?? '',
    e.list,
    e.statusInfo,
  ]);
  return [CSV_COLUMNS, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `/log`: one line per processed user, framed by the job's start and end. */
export function renderLog(job: SimUserJob, now: number): string {
  const stamp = (ms: number): string => new Date(ms).toISOString();
  const counts = (list: SimJobEntry['list']): number => job.entries.filter((e) => e.list === list).length;
  const lines = [
    `${stamp(job.createdAt)} INFO  Job ${job.id} started: ${counts('added')} to add, ${counts('modified')} to modify, ` +
      `${counts('deleted')} to delete`,
    ...job.entries
      .slice(0, processedCount(job, now))
      .map((e) => `${stamp(now)} ${e.statusInfoOK ? 'INFO ' : 'ERROR'} ${e.list} ${e.loginId}: ${e.statusInfo}`),
  ];
  if (isComplete(job, now)) {
    const end = job.exception ? `ended with exception ${job.exception.exception}` : 'finished';
    lines.push(`${stamp(now)} ${job.exception ? 'ERROR' : 'INFO '} Job ${job.id} ${end}`);
  }
  return `${lines.join('\n')}\n`;
}
