// Jest reporter that writes jest's aggregated results (the same numbers as `--json`) to a file, so that
// .ci/run can print its closing line from `npm test` run exactly as the README says.
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');

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
    writeFileSync(this.outputFile, JSON.stringify(summary, null, 2));
  }
}

module.exports = SummaryReporter;
