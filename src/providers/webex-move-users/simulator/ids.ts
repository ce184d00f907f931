/** Webex-looking ids for the simulator: base64 (no padding) of `ciscospark://us/<TYPE>/<uuid>`, like the fixtures. */
import { randomUUID } from 'node:crypto';

/** Encodes a Webex id of `type` for `uuid`. */
export function webexId(type: string, uuid: string = randomUUID()): string {
  return Buffer.from(`ciscospark://us/${type}/${uuid}`, 'utf8').toString('base64').replace(/=+$/, '');
}

/** The UUID inside a Webex id, or `undefined` when `id` is not one. */
export function uuidOfWebexId(id: string): string | undefined {
  const m = /^ciscospark:\/\/[^/]+\/[^/]+\/(.+)$/.exec(Buffer.from(id, 'base64').toString('utf8'));
  return m?.[1];
}

/** The simulator's own org, used when a request names no `orgId`. */
export const SIM_ORG_ID = webexId('ORGANIZATION', '02124eef-8af7-489c-805b-363cc6401893');

/** The admin every simulated job is started by. */
export const SIM_ADMIN_ID = webexId('PEOPLE', '9c2a0510-0950-452f-81ff-9a5d23692de6');

/** ISO-8601 duration as Webex writes it, e.g. `PT2.752S`, `PT0S`. */
export function isoDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  return `PT${Number(seconds.toFixed(3))}S`;
}
