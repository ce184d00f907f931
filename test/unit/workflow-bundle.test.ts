/** `BULKFLOW_WORKFLOW_BUNDLE`: a prebuilt workflow bundle the worker loads instead of bundling at start. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { thrownBy } from '../helpers/thrown';
import { WORKFLOW_BUNDLE_VARIABLE, workflowBundleFromEnv } from '../../src/worker-factory';

describe('workflowBundleFromEnv', () => {
  it('loads the bundle the variable names', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bulkflow-bundle-')), 'workflow-bundle.js');
    writeFileSync(file, '// bundle');
    expect(workflowBundleFromEnv({ [WORKFLOW_BUNDLE_VARIABLE]: file })).toEqual({ codePath: file });
  });

  it('bundles at start when the variable is unset or empty', () => {
    expect(workflowBundleFromEnv({})).toBeUndefined();
    expect(workflowBundleFromEnv({ [WORKFLOW_BUNDLE_VARIABLE]: '' })).toBeUndefined();
  });

  it('refuses a path with no file behind it with a ConfigError naming the variable', () => {
    const missing = join(tmpdir(), 'bulkflow-no-such-bundle', 'workflow-bundle.js');
    const err = thrownBy(() => workflowBundleFromEnv({ [WORKFLOW_BUNDLE_VARIABLE]: missing }));
    expect(err).toMatchObject({ name: 'ConfigError', source: 'BULKFLOW_WORKFLOW_BUNDLE' });
    expect(String(err)).toContain(missing);
  });
});
