import { formatBytes, formatNumber, formatRatio, median, medianOf, percentile, ratio } from '../../../bench/lib/stats';

describe('bench statistics', () => {
  it('takes the middle value as the median of an odd count', () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it('averages the two middle values as the median of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('returns NaN as the median of no values', () => {
    expect(median([])).toBeNaN();
  });

  it('interpolates percentiles between closest ranks', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([10, 20], 50)).toBe(15);
    expect(percentile([7], 99)).toBe(7);
  });

  it('ignores NaN values in percentiles', () => {
    expect(percentile([1, Number.NaN, 3], 50)).toBe(2);
  });

  it('rejects a percentile outside 0-100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('gives NaN for a ratio to a zero baseline', () => {
    expect(ratio(5, 0)).toBeNaN();
    expect(ratio(5, 2)).toBe(2.5);
  });

  it('formats ratios with decimals that shrink as they grow', () => {
    expect(formatRatio(1)).toBe('1.00×');
    expect(formatRatio(23.96)).toBe('24.0×');
    expect(formatRatio(239.3)).toBe('239×');
    expect(formatRatio(Number.NaN)).toBe('n/a');
  });

  it('formats numbers with separators and bytes with binary units', () => {
    expect(formatNumber(12345.678, 1)).toBe('12,345.7');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('n/a');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.00 MiB');
  });

  it('takes the median of every field over runs', () => {
    expect(
      medianOf([
        { a: 1, b: 10 },
        { a: 3, b: 30 },
        { a: 2, b: 20 },
      ]),
    ).toEqual({ a: 2, b: 20 });
  });
});
