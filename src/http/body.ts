/** Parsing of response bodies at the trust boundary: JSON first, then the operation's zod schema. */
import type { z } from 'zod';
import { ProviderContractError } from '../domain/errors';
import type { ProviderErrorDetails, ProviderName } from '../domain/errors';
import { fieldPath } from '../domain/field-path';
import { redactSnippet } from './redact';
import type { HttpResponse } from './types';

/**
 * The body of `response` parsed as JSON.
 * Thrown when it is not JSON (an empty body included): `ProviderContractError` at path `(body)`, with a truncated,
 * redacted `bodySnippet` for the logs.
 */
export function readJson(provider: ProviderName, response: HttpResponse): unknown {
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    throw new ProviderContractError(
      provider,
      '(body)',
      'not valid JSON',
      contractDetails(response),
      redactSnippet(response.text),
    );
  }
}

/**
 * The body of `response` parsed as JSON and validated by `schema`.
 * Thrown when the body is not JSON or does not match: `ProviderContractError` whose `path` names the first offending
 * field (`response.counts.moved`, `items[0].error`; empty for the root) and whose `problem` is zod's message.
 */
export function parseBody<T>(provider: ProviderName, schema: z.ZodType<T>, response: HttpResponse): T {
  const result = schema.safeParse(readJson(provider, response));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ProviderContractError(
    provider,
    issue && issue.path.length > 0 ? fieldPath('', issue.path) : '',
    issue?.message ?? 'does not match the schema',
    contractDetails(response),
    redactSnippet(response.text),
  );
}

function contractDetails(response: HttpResponse): ProviderErrorDetails {
  const trackingId = response.headers.get('trackingid')?.trim();
  return { status: response.status, ...(trackingId ? { trackingId } : {}) };
}
