/** The requester rule as a JSON Schema pattern says what `requesterProblem` says (lone surrogates aside). */
import {
  NOT_PRINTABLE,
  NOT_PRINTABLE_RANGES,
  REQUESTER_PATTERN,
  requesterProblem,
} from '../../../src/domain/safe-text';

function rangesOf(pattern: RegExp): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let cp = 0; cp <= 0x10ffff; cp += 1) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (!pattern.test(String.fromCodePoint(cp))) continue;
    const last = ranges.at(-1);
    if (last && last[1] === cp - 1) last[1] = cp;
    else ranges.push([cp, cp]);
  }
  return ranges;
}

describe('REQUESTER_PATTERN', () => {
  it('spells out exactly the characters NOT_PRINTABLE matches', () => {
    expect(NOT_PRINTABLE_RANGES).toEqual(rangesOf(NOT_PRINTABLE));
  });

  it.each([
    'svc-orders',
    'Anna Müller',
    'ops@example.test',
    "o'brien",
    'a"b',
    'a\\b',
    'a`b',
    'x\u200by',
    'K\u{FD603}',
    'a\u2028b',
    'tab\there',
    'e\u{E0041}',
  ])('agrees with requesterProblem on %j', (text) => {
    expect(REQUESTER_PATTERN.test(text)).toBe(requesterProblem(text) === undefined);
  });
});
