import { duplicateKeyProblems } from '../../../src/providers/duplicate-keys';

const listed = (...keys: string[]) => keys.map((key, i) => ({ key, path: ['users', i, 'userId'] }));

describe('duplicateKeyProblems', () => {
  it('finds nothing in a list of distinct keys', () => {
    expect(duplicateKeyProblems(listed('a', 'b', 'c'))).toEqual([]);
  });

  it('reports every later copy at its own path, each naming the first', () => {
    expect(duplicateKeyProblems(listed('a', 'b', 'a', 'b', 'a'))).toEqual([
      { path: ['users', 2, 'userId'], message: 'users[2].userId duplicates users[0].userId' },
      { path: ['users', 3, 'userId'], message: 'users[3].userId duplicates users[1].userId' },
      { path: ['users', 4, 'userId'], message: 'users[4].userId duplicates users[0].userId' },
    ]);
  });

  it('compares keys across lists and names each field by its own path', () => {
    const entries = [
      { key: 'jsmith', path: ['added', 0, 'loginId'] },
      { key: 'jsmith', path: ['deleted', 0] },
    ];
    expect(duplicateKeyProblems(entries)).toEqual([
      { path: ['deleted', 0], message: 'deleted[0] duplicates added[0].loginId' },
    ]);
  });

  it("adds the later entry's note in parentheses", () => {
    const entries = [
      { key: 'jsmith', path: ['added', 0, 'loginId'], note: 'jsmith' },
      { key: 'jsmith', path: ['added', 1, 'loginId'], note: 'JSmith' },
    ];
    expect(duplicateKeyProblems(entries)).toEqual([
      { path: ['added', 1, 'loginId'], message: 'added[1].loginId duplicates added[0].loginId (JSmith)' },
    ]);
  });
});
