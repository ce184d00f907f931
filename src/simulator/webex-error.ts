/**
 * The Webex generic error body (docs/contracts.md#error-bodies), the simulator's default error shape: unknown routes,
 * auth failures and scripted status faults answer with it unless the operation simulator supplies its own.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

/** Webex's generic error body `{ message, errors: [{ description }], trackingId }`. */
export interface WebexErrorBody {
  readonly message: string;
  readonly errors: ReadonlyArray<{ readonly description: string }>;
  readonly trackingId: string;
}

/** A Webex-style tracking id, e.g. `ROUTER_6475F43E-A25A-01BB-76CC-AC108AF376CC`. */
export function newTrackingId(prefix = 'ROUTER'): string {
  return `${prefix}_${randomUUID().toUpperCase()}`;
}

/** Builds the Webex generic error body for `message`. */
export function webexErrorBody(message: string, trackingId: string = newTrackingId()): WebexErrorBody {
  return { message, errors: [{ description: message }], trackingId };
}

/** A plausible message for an HTTP error status, e.g. 429 → `Too Many Requests`. */
export function statusMessage(status: number): string {
  return STATUS_CODES[status] ?? `HTTP ${status}`;
}
