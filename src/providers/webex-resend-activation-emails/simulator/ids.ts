/**
 * Webex-looking ids and formats for the simulator, like the fixtures of
 * docs/contracts.md#webexresendactivationemails-payloads.
 */
import { randomUUID } from 'node:crypto';

/** Encodes a Webex id of `type` for `uuid`: base64 (no padding) of `ciscospark://us/<TYPE>/<uuid>`. */
export function webexId(type: string, uuid: string = randomUUID()): string {
  return Buffer.from(`ciscospark://us/${type}/${uuid}`, 'utf8').toString('base64').replace(/=+$/, '');
}

/** The admin every simulated job is started by (its UUID appears in error descriptions). */
export const SIM_ADMIN_UUID = 'bfb4b090-fcea-488a-94f0-0ec1897e20da';
export const SIM_ADMIN_ID = webexId('PEOPLE', SIM_ADMIN_UUID);

/** The UUID of the simulated org's `index`-th user (0-based). */
export function simUserUuid(index: number): string {
  return `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
}

/** The e-mail of the simulated org's `index`-th user (0-based). */
export function simUserEmail(index: number): string {
  return `user${index + 1}@example.com`;
}

/** A tracking id as the fixtures write it: `NA_<uuid>`. */
export function simTrackingId(): string {
  return `NA_${randomUUID()}`;
}

/** ISO-8601 duration as Webex writes it, e.g. `PT5.728S`, `PT0S`. */
export function isoDuration(ms: number): string {
  return `PT${Number((Math.max(0, ms) / 1000).toFixed(3))}S`;
}

/** Epoch ms as an ISO timestamp. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
