import { chunksOf } from '../../../src/providers/chunks';

describe('chunksOf', () => {
  it('cuts a list, in order, into runs of the size, the last one shorter', () => {
    expect(chunksOf(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([
      { start: 0, items: ['a', 'b'] },
      { start: 2, items: ['c', 'd'] },
      { start: 4, items: ['e'] },
    ]);
  });

  it('keeps a list no longer than the size in one run', () => {
    expect(chunksOf([1, 2, 3], 3)).toEqual([{ start: 0, items: [1, 2, 3] }]);
  });

  it('makes no run of an empty list', () => {
    expect(chunksOf([], 5)).toEqual([]);
  });

  it('loses and repeats nothing, whatever the size', () => {
    const list = Array.from({ length: 23 }, (_, i) => i);
    for (let size = 1; size <= 25; size += 1) {
      const chunks = chunksOf(list, size);
      expect(chunks.flatMap((chunk) => chunk.items)).toEqual(list);
      expect(chunks.every((chunk) => chunk.items.length <= size && chunk.items[0] === chunk.start)).toBe(true);
    }
  });

  it.each([0, -1, 1.5, Number.NaN])('throws RangeError for a size of %p', (size) => {
    expect(() => chunksOf([1], size)).toThrow(RangeError);
  });
});
