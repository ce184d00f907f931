/** The formula-cell rule, one for every door: which values a spreadsheet would run, and where they are. */
import { formulaCells, startsLikeFormula } from '../../../src/domain/formula-cell';

describe('startsLikeFormula', () => {
  it.each(['=HYPERLINK("http://x")', '@SUM(A1)', '+cmd|calc', '-2+3*cmd', '\tx', '\r=1', '  =1+1', '+A1'])(
    'refuses %j',
    (value) => {
      expect(startsLikeFormula(value)).toBe(true);
    },
  );

  it.each(['+14155550100', '+1 (408) 555-0100', '-42', '-1.5', 'alice@example.test', 'a=b', 'Anne-Marie', '', '-'])(
    'keeps %j (phone numbers, signed numbers, text with a sign inside)',
    (value) => {
      expect(startsLikeFormula(value)).toBe(false);
    },
  );
});

describe('formulaCells', () => {
  it('finds formula text at any depth, in document order, and counts beyond the listed ones', () => {
    const value = { orgId: '=1', users: [{ a: 'ok', b: '@x' }, { c: { d: ['+x', '-1'] } }] };
    expect(formulaCells(value, 2)).toEqual({ paths: [['orgId'], ['users', 0, 'b']], count: 3 });
  });

  it('finds an object key that starts like a formula, at the key itself', () => {
    expect(formulaCells({ schema: { '=cmd': 'str', plan: 'str' } }, 10)).toEqual({
      paths: [['schema', '=cmd']],
      count: 1,
    });
  });

  it('walks a list of 100,000 values without a spread that overflows the stack', () => {
    const users = Array.from({ length: 100_000 }, () => ({ userId: '=x' }));
    const cells = formulaCells({ users }, 100);
    expect(cells.count).toBe(100_000);
    expect(cells.paths).toHaveLength(100);
  });
});
