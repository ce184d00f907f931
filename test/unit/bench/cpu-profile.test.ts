import { topSelfTime } from '../../../bench/lib/cpu-profile';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

describe('topSelfTime', () => {
  it('ranks frames by self time, merging nodes of the same frame', () => {
    const top = topSelfTime(
      {
        startTime: 0,
        endTime: 100_000,
        nodes: [
          { id: 1, callFrame: frame('(idle)', ''), hitCount: 50 },
          { id: 2, callFrame: frame('parse', 'file:///app/node_modules/zod/v4/core.js', 9), hitCount: 30 },
          { id: 3, callFrame: frame('parse', 'file:///app/node_modules/zod/v4/core.js', 9), hitCount: 10 },
          { id: 4, callFrame: frame('', 'file:///work/main/src/http/client.ts', 4), hitCount: 10 },
        ],
      },
      2,
    );
    expect(top).toEqual([
      { frame: '(idle) ((native))', selfMs: 50, share: 0.5 },
      { frame: 'parse (zod/v4/core.js:10)', selfMs: 40, share: 0.4 },
    ]);
  });

  it('shortens project paths to src/ and names anonymous functions', () => {
    const [first] = topSelfTime(
      {
        startTime: 0,
        endTime: 1_000,
        nodes: [{ id: 1, callFrame: frame('', 'file:///work/main/src/a.ts', 1), hitCount: 1 }],
      },
      1,
    );
    expect(first?.frame).toBe('(anonymous) (src/a.ts:2)');
  });

  it('returns nothing for a profile without samples', () => {
    expect(topSelfTime({ startTime: 0, endTime: 1, nodes: [] }, 5)).toEqual([]);
  });
});
