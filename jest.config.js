/** Two projects: fast unit tests, and integration tests against the real Temporal dev server and simulators. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

/** @type {import('jest').Config} */
module.exports = {
  // Integration tests wait on real workflows; unit tests finish long before this.
  testTimeout: 120_000,
  // Integration suites mostly wait (on workflows, timers, simulators), so more workers than cores keep a 2-core
  // machine busy; measured in docs/benchmarks.md#the-test-suite. BULKFLOW_JEST_WORKERS overrides it.
  maxWorkers: Number(process.env.BULKFLOW_JEST_WORKERS ?? 3),
  // The slowest suites first, also on a fresh clone with no timings cached (test/helpers/test-sequencer.js).
  testSequencer: '<rootDir>/test/helpers/test-sequencer.js',
  reporters: ['default', ['<rootDir>/test/helpers/summary-reporter.js', { outputFile: 'reports/jest-results.json' }]],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/unit'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/integration'],
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
    },
  ],
};
