/**
 * The simulator's check of a bulk invite body, answering with Zoho's documented errors
 * (docs/contracts.md#zohoinviteportalusers-payloads).
 */
import type { SimResponse } from '../../../simulator/types';
import { zohoError } from './errors';

/** A record of an accepted request. `type` is kept as sent: Zoho fails an unknown type per record, not the request. */
export interface SimRequestedRecord {
  readonly id: string;
  readonly userTypeId: string;
  readonly type: string;
  readonly language?: string;
}

export type SimValidation =
  | { readonly ok: true; readonly records: readonly SimRequestedRecord[] }
  | { readonly ok: false; readonly response: SimResponse };

const DIGITS = /^\d{1,19}$/;
const LANGUAGE = /^[a-z]{2}_[A-Z]{2}$/;

type Check = { ok: true; value: string } | { ok: false; response: SimResponse };

const missing = (apiName: string, jsonPath: string): SimResponse =>
  zohoError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: apiName, json_path: jsonPath });
const invalid = (details: Record<string, unknown>): SimResponse =>
  zohoError(400, 'INVALID_DATA', 'invalid data', details);

/** Checks a POST body as Zoho does before scheduling a job; the first problem found is answered. */
export function validateInviteRequest(body: unknown, maxRecords?: number): SimValidation {
  const groups = (body as { portal_invite?: unknown } | null | undefined)?.portal_invite;
  if (!Array.isArray(groups) || groups.length === 0) {
    return { ok: false, response: missing('portal_invite', '$.portal_invite') };
  }
  const records: SimRequestedRecord[] = [];
  for (const [g, group] of groups.entries()) {
    const data = (group as { data?: unknown } | null)?.data;
    const path = `$.portal_invite[${g}].data`;
    if (!Array.isArray(data) || data.length === 0) return { ok: false, response: missing('data', path) };
    for (const [r, raw] of data.entries()) {
      const checked = recordOf(raw, `${path}[${r}]`);
      if (!checked.ok) return checked;
      records.push(checked.record);
    }
  }
  if (maxRecords !== undefined && records.length > maxRecords) {
    const details = { api_name: 'data', json_path: '$.portal_invite[0].data', maximum_length: maxRecords };
    return { ok: false, response: invalid(details) };
  }
  return { ok: true, records };
}

function recordOf(
  raw: unknown,
  path: string,
): { ok: true; record: SimRequestedRecord } | { ok: false; response: SimResponse } {
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const id = idField(record, 'id', path);
  if (!id.ok) return id;
  const userTypeId = idField(record, 'user_type_id', path);
  if (!userTypeId.ok) return userTypeId;
  const { type, language } = record;
  if (type === undefined || type === null || type === '')
    return { ok: false, response: missing('type', `${path}.type`) };
  if (typeof type !== 'string') {
    return {
      ok: false,
      response: invalid({ api_name: 'type', json_path: `${path}.type`, expected_data_type: 'string' }),
    };
  }
  if (language !== undefined && (typeof language !== 'string' || !LANGUAGE.test(language))) {
    const details = { api_name: 'language', json_path: `${path}.language`, regex: LANGUAGE.source };
    return { ok: false, response: invalid(details) };
  }
  const lang = typeof language === 'string' ? { language } : {};
  return { ok: true, record: { id: id.value, userTypeId: userTypeId.value, type, ...lang } };
}

/**
 * An id as a string of digits. A JSON number is accepted too (Zoho's docs label ids "integer"); the simulator's own
 * `JSON.parse` has already rounded one above 2^53, which is why the adapter always sends strings.
 */
function idField(record: Record<string, unknown>, key: string, path: string): Check {
  const value = record[key];
  if (value === undefined || value === null || value === '')
    return { ok: false, response: missing(key, `${path}.${key}`) };
  const text = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value.toFixed(0) : value;
  if (typeof text === 'string' && DIGITS.test(text)) return { ok: true, value: text };
  const details = { api_name: key, json_path: `${path}.${key}`, expected_data_type: 'bigint' };
  return { ok: false, response: invalid(details) };
}
