// Jest test sequencer: the slowest suites first, so that with several workers no long suite starts last and runs on
// alone. Jest's own sequencer orders by the durations it cached on an earlier run, and by file size without them;
// on a fresh clone (CI) the one-line crash-matrix files would then start last although each takes over a minute.
// Without a cached duration, integration suites count as slow (the crash matrices slowest), unit suites as quick.
const Sequencer = require('@jest/test-sequencer').default;
const { statSync } = require('node:fs');
const { sep } = require('node:path');

const FAILED = 0;

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const cached = (test) => this._getCache(test)[test.path];
    const estimateMs = (test) => {
      const known = cached(test);
      if (known) return known[1];
      const size = statSync(test.path).size;
      if (test.path.includes(`${sep}crash-matrix${sep}`)) return 90_000;
      if (test.path.includes(`${sep}integration${sep}`)) return 20_000 + size;
      return size / 100;
    };
    const failed = (test) => (cached(test)?.[0] === FAILED ? 1 : 0);
    return [...tests].sort((a, b) => failed(b) - failed(a) || estimateMs(b) - estimateMs(a));
  }
}

module.exports = SlowFirstSequencer;
