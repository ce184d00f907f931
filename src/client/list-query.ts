/**
 * Job listings: the filter callers give, the visibility query it becomes (search attributes of
 * workflows/definitions.ts), and opaque page cursors. Filter values are checked so none can break out of its quotes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { OPERATION_IDS, PROVIDER_NAMES } from '../domain/job';
import { WORKFLOW_TYPE } from '../workflows/definitions';
import { RequestValidationError } from './errors';
import { issueFields } from '../domain/field-path';
import { RequestedBySchema } from '../domain/request';
import { hasLoneSurrogate, ILL_FORMED_REASON } from '../domain/safe-text';

export const JOB_VIEW_STATES = [
  'planning',
  'running',
  'paused',
  'completing',
  'succeeded',
  'partial',
  'failed',
  'cancelled',
  'terminated',
  'timedOut',
] as const;

const Keyword = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^'"\\]+$/, 'must not contain quotes or backslashes')
  .refine((value) => !hasLoneSurrogate(value), ILL_FORMED_REASON);

/** Filter of `BulkJobClient.list`. Every field narrows the listing; `tenants` (any of) is for access control. */
export const JobListFilterSchema = z.strictObject({
  operation: z.enum(OPERATION_IDS).optional(),
  provider: z.enum(PROVIDER_NAMES).optional(),
  tenant: Keyword.optional(),
  tenants: z.array(Keyword).min(1).optional(),
  state: z.enum(JOB_VIEW_STATES).optional(),
  requestedBy: RequestedBySchema.optional(),
  /** ISO 8601 date-time; jobs started at or after it. */
  startedAfter: z.iso.datetime({ offset: true }).optional(),
  /** ISO 8601 date-time; jobs started before it. */
  startedBefore: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(50),
  cursor: z.string().min(1).max(4_000).optional(),
});
export type JobListFilter = z.input<typeof JobListFilterSchema>;
export type ParsedJobListFilter = z.output<typeof JobListFilterSchema>;

/** Parses a filter. Thrown when invalid: `RequestValidationError` naming each field. */
export function parseJobListFilter(raw: unknown): ParsedJobListFilter {
  const parsed = JobListFilterSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new RequestValidationError(issueFields('', parsed.error.issues));
  return parsed.data;
}

const quote = (value: string): string => `'${value}'`;

function stateClause(state: ParsedJobListFilter['state']): string | undefined {
  switch (state) {
    case undefined:
      return undefined;
    case 'failed':
      return `(ExecutionStatus = 'Failed' OR (BulkState = 'failed' AND ExecutionStatus IN ('Completed', 'Running')))`;
    case 'cancelled':
      return `(BulkState = 'cancelled' OR ExecutionStatus = 'Canceled')`;
    case 'terminated':
      return `ExecutionStatus = 'Terminated'`;
    case 'timedOut':
      return `ExecutionStatus = 'TimedOut'`;
    case 'succeeded':
    case 'partial':
      return `BulkState = ${quote(state)}`;
    case 'planning':
    case 'running':
    case 'paused':
    case 'completing':
      return `BulkState = ${quote(state)} AND ExecutionStatus = 'Running'`;
  }
}

/** The visibility query of a filter: bulk jobs only, one entry per job (runs that continued-as-new left out). */
export function buildListQuery(filter: ParsedJobListFilter): string {
  const clauses = [`WorkflowType = ${quote(WORKFLOW_TYPE)}`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (filter.operation) clauses.push(`BulkOperation = ${quote(filter.operation)}`);
  if (filter.provider) clauses.push(`BulkProvider = ${quote(filter.provider)}`);
  if (filter.tenant) clauses.push(`BulkTenant = ${quote(filter.tenant)}`);
  if (filter.tenants) clauses.push(`BulkTenant IN (${filter.tenants.map(quote).join(', ')})`);
  if (filter.requestedBy) clauses.push(`BulkRequestedBy = ${quote(filter.requestedBy)}`);
  if (filter.startedAfter) clauses.push(`StartTime >= ${quote(new Date(filter.startedAfter).toISOString())}`);
  if (filter.startedBefore) clauses.push(`StartTime < ${quote(new Date(filter.startedBefore).toISOString())}`);
  const state = stateClause(filter.state);
  if (state) clauses.push(state);
  return clauses.join(' AND ');
}

/**
 * The key of listing cursors: `BULKFLOW_CURSOR_SECRET`, shared by every process that hands out or reads cursors (the
 * API's replicas, the CLI), or a random key of this process when none is configured (`configured: false`).
 */
export interface CursorKey {
  readonly secret: string | Uint8Array;
  readonly configured: boolean;
}

/** Characters of a cursor's check: 132 bits of HMAC-SHA256 in base64url. */
const CHECK_LENGTH = 22;

/**
 * A keyed check over a page token and the query it pages. Temporal answers a page token it did not make only after
 * its client retried for about 20 s (the SDK retries gRPC UNKNOWN ten times), so a cursor is checked here first: one
 * nobody could make without the key, or taken from another listing, is refused before Temporal is asked anything.
 */
function cursorCheck(token: string, query: string, key: CursorKey): string {
  return createHmac('sha256', key.secret).update(`${query}\n${token}`).digest('base64url').slice(0, CHECK_LENGTH);
}

/** A page token of the listing `query` as an opaque, URL-safe cursor: `<token>.<check>`. */
export function encodeCursor(token: Uint8Array, query: string, key: CursorKey): string {
  const encoded = Buffer.from(token).toString('base64url');
  return `${encoded}.${cursorCheck(encoded, query, key)}`;
}

const CURSOR_PATTERN = new RegExp(`^([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]{${CHECK_LENGTH}})$`);

/**
 * The page token of a cursor of the listing `query`. Thrown when it is not a cursor handed out for that listing under
 * `key`: `RequestValidationError` on `cursor`.
 */
export function decodeCursor(cursor: string, query: string, key: CursorKey): Uint8Array {
  const match = CURSOR_PATTERN.exec(cursor);
  const token = match?.[1];
  const check = match?.[2];
  if (!token || !check) throw invalidCursor(key);
  const expected = cursorCheck(token, query, key);
  if (!timingSafeEqual(Buffer.from(check), Buffer.from(expected))) throw invalidCursor(key);
  return Buffer.from(token, 'base64url');
}

/** An item offset as a cursor. */
export function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** The item offset of a cursor. Thrown when it is not one: `RequestValidationError` on `cursor`. */
export function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw invalidCursor();
  return Number(match[1]);
}

/**
 * The error of a cursor this API did not hand out. Without a configured key, cursors are this process's own, so the
 * message says what makes them last.
 */
export function invalidCursor(key?: CursorKey): RequestValidationError {
  const hint = key && !key.configured ? ' (cursors outlive the process only with BULKFLOW_CURSOR_SECRET set)' : '';
  return new RequestValidationError([{ field: 'cursor', message: `not a cursor this API returned${hint}` }]);
}
