/** Ids and names that could hide, reorder or break text, or walk a URL path. */
import {
  escapeUnsafeChars,
  hasControlOrBidiChars,
  hasLoneSurrogate,
  hasUnsafeChars,
  requesterProblem,
  unsafeIdReason,
} from '../../../src/domain/safe-text';

describe('safe text', () => {
  it.each([['\u0000'], ['\u001b'], ['\u007f'], ['\u0085'], ['\u200b'], ['\u202e'], ['\u2066'], ['\ufeff'], ['\u2028']])(
    'finds %j unsafe',
    (ch) => {
      expect(hasUnsafeChars(`a${ch}b`)).toBe(true);
    },
  );

  it('finds lone surrogates, high or low, anywhere, and leaves pairs alone; ids refuse them first', () => {
    for (const text of ['org\udfffA', '\ud800', 'a\udbff', '\ude00b']) expect(hasLoneSurrogate(text)).toBe(true);
    expect(hasLoneSurrogate('\ud83d\ude00 ok')).toBe(false);
    expect(unsafeIdReason('org\udfffA', true)).toBe('must be well-formed Unicode (no lone UTF-16 surrogate)');
  });

  it.each([
    ['ops\u001b[2J', 'must be printable: no control, bidirectional or other format characters'],
    ['ops\u202e', 'must be printable: no control, bidirectional or other format characters'],
    ['o\u00adps', 'must be printable: no control, bidirectional or other format characters'],
    ['ops\u2029', 'must be printable: no control, bidirectional or other format characters'],
    ['ops\ue000', 'must be printable: no control, bidirectional or other format characters'],
    ['ops"x', 'must not contain quotes or backslashes'],
    ['ops\\x', 'must not contain quotes or backslashes'],
    ['ops\udfff', 'must be well-formed Unicode (no lone UTF-16 surrogate)'],
    ['', 'must be 1-200 characters'],
  ])('refuses the requester %j', (text, problem) => {
    expect(requesterProblem(text)).toBe(problem);
  });

  it('accepts requesters that are people, services and addresses', () => {
    for (const text of ['Zoë Müller', 'svc-billing', 'ops@example.test', '山田 太郎', 'a'.repeat(200)]) {
      expect(requesterProblem(text)).toBeUndefined();
    }
  });

  it('leaves ordinary text alone, accents and scripts included', () => {
    expect(hasUnsafeChars('Zoë Ødegård 山田 +1 (408) 555-0100')).toBe(false);
    expect(escapeUnsafeChars('Zoë')).toBe('Zoë');
  });

  it('escapes as \\uXXXX, keeping only the characters asked for', () => {
    expect(escapeUnsafeChars('a\nb\u202ec', '\n')).toBe('a\nb\\u202ec');
  });

  it.each([
    ['org\u0000A', 'control'],
    ['org A', 'whitespace'],
    ['org?y=1', '?'],
    ['org#x', '#'],
    ['a%2e', '%'],
    ["o'brien", 'quotes'],
    ['a/b', '/'],
  ])('refuses the id %j (%s)', (id) => {
    expect(unsafeIdReason(id)).toBeDefined();
  });

  it('allows / in ids whose provider format has it, but never . or .. segments', () => {
    expect(unsafeIdReason('Y2lz/abc+d=', true)).toBeUndefined();
    expect(unsafeIdReason('org/../../x', true)).toBe('must not contain . or .. segments');
    expect(unsafeIdReason('Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8x')).toBeUndefined();
  });

  it.each([['\u0000'], ['\u0085'], ['\u2029'], ['\u200e'], ['\u202a'], ['\u2069'], ['\u061c']])(
    'finds %j a control or bidi character',
    (ch) => {
      expect(hasControlOrBidiChars(`a${ch}b`)).toBe(true);
    },
  );

  it.each([['\u200b'], ['\u200c'], ['\u200d'], ['\u2060'], ['\ufeff']])(
    'lets the zero-width %j through as text, not as an id',
    (ch) => {
      expect(hasControlOrBidiChars(`a${ch}b`)).toBe(false);
      expect(hasUnsafeChars(`a${ch}b`)).toBe(true);
    },
  );
});
