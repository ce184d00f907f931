import { compareModes, modeOrder } from '../../../bench/lib/modes';

describe('compareModes', () => {
  it('takes the median of each mode and divides on by off', () => {
    const runs = [
      { encrypted: false, rate: 100 },
      { encrypted: true, rate: 90 },
      { encrypted: false, rate: 120 },
      { encrypted: true, rate: 96 },
      { encrypted: false, rate: 110 },
      { encrypted: true, rate: 200 },
    ];
    expect(compareModes(runs, (r) => r.rate)).toEqual({ off: 110, on: 96, ratio: 96 / 110 });
  });
});

describe('modeOrder', () => {
  it('alternates which mode runs first', () => {
    expect([1, 2, 3].map(modeOrder)).toEqual([
      [false, true],
      [true, false],
      [false, true],
    ]);
  });
});
