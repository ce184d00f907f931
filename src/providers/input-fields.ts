/**
 * Field schemas shared by the operations' input schemas: an id bulkflow sends to a provider (in a body, a query or a
 * URL path), and bounded free text. The character rules are those of `src/domain/safe-text.ts`.
 */
import { z } from 'zod';
import {
  hasControlOrBidiChars,
  hasLoneSurrogate,
  hasUnsafeChars,
  ILL_FORMED_REASON,
  unsafeIdReason,
} from '../domain/safe-text';

/** Longest free text a field takes unless its provider documents less: our own sanity bound. */
export const MAX_TEXT_LENGTH = 1_000;

export interface ProviderIdOptions {
  /** Longest id accepted. */
  readonly max: number;
  /** The provider's ids may hold `/` (standard base64, e.g. Webex ids); it is then encoded wherever it goes. */
  readonly allowSlash?: boolean;
  /**
   * The provider's format is free (a customer's own id): only control, bidi and zero-width characters are refused,
   * not whitespace or URL characters. Such ids never go into a URL path.
   */
  readonly freeForm?: boolean;
}

const HIDDEN = 'must not contain control, bidirectional or zero-width characters';

/**
 * An id of a provider's object: none of the characters that hide or reorder text (checked before anything else, so
 * trimming cannot drop them unseen), surrounding whitespace trimmed, at most `max` characters, and (unless
 * `freeForm`, which is neither trimmed) no inner whitespace, `?`, `#`, `%`, `\`, quotes or `.`/`..` segments, nor `/`
 * unless `allowSlash`.
 */
export function providerId(field: string, options: ProviderIdOptions): z.ZodString {
  const visible = z
    .string(`${field} must be a string`)
    .refine((id) => !hasLoneSurrogate(id), `${field} ${ILL_FORMED_REASON}`)
    .refine((id) => !hasUnsafeChars(id), `${field} ${HIDDEN}`);
  const bounded = (id: z.ZodString): z.ZodString =>
    id.min(1, `${field} must not be empty`).max(options.max, `${field} must be at most ${options.max} characters`);
  if (options.freeForm) return bounded(visible);
  return bounded(visible.trim()).superRefine((id, ctx) => {
    const reason = unsafeIdReason(id, options.allowSlash ?? false);
    if (reason) ctx.addIssue({ code: 'custom', message: `${field} ${reason}` });
  });
}

/** Free text: any printable text of at most `max` characters; control and bidi characters are refused. */
export function boundedText(field: string, max: number = MAX_TEXT_LENGTH): z.ZodString {
  return z
    .string(`${field} must be a string`)
    .max(max, `${field} must be at most ${max} characters`)
    .refine((text) => !hasControlOrBidiChars(text), `${field} must not contain control or bidirectional characters`);
}
