/**
 * Text that bulkflow puts into ids, paths, queries, logs and terminals must not carry characters that hide,
 * reorder or break it. Pure: any layer may use these checks (schemas at the doors, the CLI's output).
 */

/** C0 and C1 controls, DEL, and the line and paragraph separators. */
const CONTROL = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029';
/** Bidirectional marks, embeddings, overrides and isolates. */
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
/** Zero-width spaces and joiners, word joiner, invisible operators, and the BOM. */
const ZERO_WIDTH = '\\u200b-\\u200d\\u2060-\\u2065\\ufeff';
const UNSAFE = new RegExp(`[${CONTROL}${BIDI}${ZERO_WIDTH}]`, 'u');
const UNSAFE_GLOBAL = new RegExp(UNSAFE.source, 'gu');
const CONTROL_OR_BIDI = new RegExp(`[${CONTROL}${BIDI}]`, 'u');

/**
 * Half of a UTF-16 surrogate pair standing alone: ill-formed text. It cannot be kept as it is (UTF-8, which Temporal
 * and JSON files store, turns it into U+FFFD), so two different strings would become one.
 */
const LONE_SURROGATE = /\p{Cs}/u;

/** The reason every id, key and tenant rule gives for ill-formed text. */
export const ILL_FORMED_REASON = 'must be well-formed Unicode (no lone UTF-16 surrogate)';

/** True when `text` holds a lone UTF-16 surrogate (see `ILL_FORMED_REASON`). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** True when `text` holds a control, bidi or zero-width character. */
export function hasUnsafeChars(text: string): boolean {
  return UNSAFE.test(text);
}

/**
 * True when `text` holds a control or bidi character: what free text (names, messages) may not hold. Zero-width
 * joiners are part of some scripts and of emoji sequences, so text may keep them; ids may not ({@link unsafeIdReason}).
 */
export function hasControlOrBidiChars(text: string): boolean {
  return CONTROL_OR_BIDI.test(text);
}

/**
 * `text` with every control, bidi and zero-width character (but those in `keep`) written as a `\uXXXX` escape: safe
 * to print on a terminal, and still the same string inside JSON text.
 */
export function escapeUnsafeChars(text: string, keep = ''): string {
  return text.replace(UNSAFE_GLOBAL, (ch) =>
    keep.includes(ch) ? ch : `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** A name bulkflow itself gives out or accepts for its own objects (connections, keys): a safe, short alphabet. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Characters a requester name may not hold: controls, format characters (bidi, zero-width), private use, separators. */
export const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Zl}\p{Zp}]/u;
export const MAX_REQUESTER_LENGTH = 200;

/**
 * The code points `NOT_PRINTABLE` matches, as ranges (Unicode 15, Node 20's; a unit test checks them against it).
 * Spelled out because a JSON Schema pattern read by other regex engines cannot use `\p{…}`.
 */
export const NOT_PRINTABLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0, 0x1f],
  [0x7f, 0x9f],
  [0xad, 0xad],
  [0x600, 0x605],
  [0x61c, 0x61c],
  [0x6dd, 0x6dd],
  [0x70f, 0x70f],
  [0x890, 0x891],
  [0x8e2, 0x8e2],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x206f],
  [0xe000, 0xf8ff],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
  [0x110bd, 0x110bd],
  [0x110cd, 0x110cd],
  [0x13430, 0x1343f],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0001, 0xe0001],
  [0xe0020, 0xe007f],
  [0xf0000, 0xffffd],
  [0x100000, 0x10fffd],
];

/**
 * A requester as a regex that JSON Schema can carry to any engine: no quote, backslash or backtick, and none of
 * `NOT_PRINTABLE_RANGES`, written as literal characters (astral ones too, so the `u` flag is needed here and an
 * engine reading code points needs nothing). Lone surrogates remain `requesterProblem`'s to refuse.
 */
export const REQUESTER_PATTERN = new RegExp(
  `^[^'"\\\\\`${NOT_PRINTABLE_RANGES.map(([from, to]) => `${String.fromCodePoint(from)}-${String.fromCodePoint(to)}`).join('')}]*$`,
  'u',
);

/**
 * Why `text` cannot be a requester (`requestedBy`: who asks, a person or a service), or `undefined`. It is stored as
 * a search attribute, shown in listings and terminals, and matched by listing filters, so it is 1-200 printable
 * characters: no control, bidi or other format character, no lone surrogate, no quote or backslash.
 */
export function requesterProblem(text: string): string | undefined {
  if (text.length === 0 || text.length > MAX_REQUESTER_LENGTH) return `must be 1-${MAX_REQUESTER_LENGTH} characters`;
  if (hasLoneSurrogate(text)) return ILL_FORMED_REASON;
  if (NOT_PRINTABLE.test(text)) return 'must be printable: no control, bidirectional or other format characters';
  if (/['"\\`]/.test(text)) return 'must not contain quotes or backslashes';
  return undefined;
}

/**
 * Why `id` cannot be an identifier that bulkflow puts into provider URL paths and search queries, or `undefined`:
 * no control/bidi characters, no whitespace, no `?`, `#`, `%`, `\`, quotes, and no `.`/`..` path segments. `/` is
 * allowed only where `allowSlash` says the provider's format has it (standard base64 ids).
 */
export function unsafeIdReason(id: string, allowSlash = false): string | undefined {
  if (hasLoneSurrogate(id)) return ILL_FORMED_REASON;
  if (hasUnsafeChars(id)) return 'must not contain control, bidirectional or zero-width characters';
  if (/\s/u.test(id)) return 'must not contain whitespace';
  if (/[?#%\\'"`]/.test(id)) return 'must not contain ? # % \\ or quotes';
  if (!allowSlash && id.includes('/')) return 'must not contain /';
  if (id.split('/').some((segment) => segment === '.' || segment === '..')) return 'must not contain . or .. segments';
  return undefined;
}
