// Jest test sequencer: the slowest suites first, so that with several workers no long suite starts last and runs on
// alone. Jest's own sequencer orders by the durations it cached on an earlier run, and by file size without them;
// on a fresh clone (CI) the one-line crash-matrix files would then start last although each takes over a minute.
// Without a cached duration, the suites known to take over a minute come first (the figures of a quiet CI run,
// printed by .ci/run), then the other integration suites by size, then the unit suites.
const Sequencer = require('@jest/test-sequencer').default;
const { statSync } = require('node:fs');
const { sep } = require('node:path');

const FAILED = 0;

/** Suites known to be slow, by a part of their path, with about how long each takes (ms). */
const KNOWN_SLOW = [
  [`${sep}crash-matrix${sep}`, 90_000],
  ['bench-smoke.test.ts', 85_000],
  ['storms.test.ts', 80_000],
  ['reliability.test.ts', 70_000],
  ['cli.test.ts', 50_000],
  ['api-contract.test.ts', 60_000],
];

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const cached = (test) => this._getCache(test)[test.path];
    const estimateMs = (test) => {
      const known = cached(test);
      if (known) return known[1];
      const slow = KNOWN_SLOW.find(([part]) => test.path.includes(part));
      if (slow) return slow[1];
      const size = statSync(test.path).size;
      if (test.path.includes(`${sep}integration${sep}`)) return 20_000 + size;
      return size / 100;
    };
    const failed = (test) => (cached(test)?.[0] === FAILED ? 1 : 0);
    return [...tests].sort((a, b) => failed(b) - failed(a) || estimateMs(b) - estimateMs(a));
  }
}

module.exports = SlowFirstSequencer;
