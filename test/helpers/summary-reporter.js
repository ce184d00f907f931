// Jest reporter that writes jest's aggregated results (the same numbers as `--json`) to a file, so that
// .ci/run can print its closing line from `npm test` run exactly as the README says.
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, relative } = require('node:path');

const FIELDS = [
  'numPassedTests',
  'numFailedTests',
  'numPendingTests',
  'numTodoTests',
  'numTotalTests',
  'numFailedTestSuites',
  'numRuntimeErrorTestSuites',
  'success',
];

class SummaryReporter {
  constructor(_globalConfig, options) {
    this.outputFile = (options && options.outputFile) || 'reports/jest-results.json';
  }

  onRunComplete(_contexts, results) {
    mkdirSync(dirname(this.outputFile), { recursive: true });
    const summary = Object.fromEntries(FIELDS.map((field) => [field, results[field]]));
    // Every suite with its wall time, slowest first (.ci/run prints the ten slowest).
    summary.suites = results.testResults
      .map((suite) => ({
        path: relative(process.cwd(), suite.testFilePath),
        seconds: Math.round((suite.perfStats.end - suite.perfStats.start) / 100) / 10,
      }))
      .sort((a, b) => b.seconds - a.seconds);
    writeFileSync(this.outputFile, JSON.stringify(summary, null, 2));
  }
}

module.exports = SummaryReporter;
