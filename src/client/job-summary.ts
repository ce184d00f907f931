/**
 * The static summary and details a job is started with, shown by the Temporal Web UI next to the workflow.
 * They are stored in history, so they name the operation, the connection, the tenant and the requester only:
 * never a credential, and never anything about the users or records the job acts on (only how many there are).
 */
import { providerOf } from '../domain/job';
import type { BulkJobRequest } from '../domain/job';

export interface JobSummaryFacts {
  readonly jobId: string;
  readonly request: BulkJobRequest;
  readonly requestedBy: string;
  /** The tenant the input names (e.g. the Webex orgId); undefined when the job acts on its connection's tenant. */
  readonly tenant: string | undefined;
}

export interface JobSummary {
  /** One line, for the workflow list. */
  readonly staticSummary: string;
  /** Short markdown, for the workflow page. */
  readonly staticDetails: string;
}

/** The Web UI cuts long summaries; keep the line well under its limit. */
const MAX_SUMMARY_LENGTH = 200;

/**
 * How many items the request lists: the lengths of the input's top-level arrays (`users`, `invites`, Oracle's
 * `added` / `modified` / `deleted`). Undefined when the input lists none (e.g. a whole-org job).
 */
export function countRequestItems(input: unknown): number | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const lists = Object.values(input).filter((value): value is unknown[] => Array.isArray(value));
  return lists.length === 0 ? undefined : lists.reduce((sum, list) => sum + list.length, 0);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Markdown inline code that cannot be broken out of by a backtick in the value. */
function code(value: string): string {
  return `\`${value.replace(/`/g, "'")}\``;
}

/** e.g. `webex.moveUsers · tenant acme · 300 items · by ops-service · dry run` (`connection x` when no tenant is named). */
export function jobStaticSummary(facts: JobSummaryFacts): string {
  const items = countRequestItems(facts.request.input);
  const parts = [
    facts.request.operation,
    facts.tenant === undefined ? `connection ${facts.request.connection}` : `tenant ${facts.tenant}`,
    ...(items === undefined ? [] : [plural(items, 'item')]),
    `by ${facts.requestedBy}`,
    ...(facts.request.dryRun ? ['dry run'] : []),
  ];
  return truncate(parts.join(' · '), MAX_SUMMARY_LENGTH);
}

export function jobStaticDetails(facts: JobSummaryFacts): string {
  const { request } = facts;
  const items = countRequestItems(request.input);
  const rows: [string, string][] = [
    ['Operation', code(request.operation)],
    ['Provider', providerOf(request.operation)],
    ['Connection', code(request.connection)],
    ['Tenant', facts.tenant === undefined ? "the connection's" : code(facts.tenant)],
    ['Requested by', code(facts.requestedBy)],
    ['Items requested', items === undefined ? 'none listed (the provider selects them)' : String(items)],
    ['Dry run', request.dryRun ? 'yes: the provider validates only, nothing changes' : 'no'],
    ['Job id (idempotency key)', code(facts.jobId)],
  ];
  return ['### bulkflow job', '', ...rows.map(([name, value]) => `- **${name}:** ${value}`)].join('\n');
}

export function jobSummary(facts: JobSummaryFacts): JobSummary {
  return { staticSummary: jobStaticSummary(facts), staticDetails: jobStaticDetails(facts) };
}
