/**
 * The API's contract, checked by a client nobody here wrote: schemathesis (pinned in scripts/bootstrap.mjs), driven
 * only by `/openapi.json`, against the API on the real stack (dev server, worker, simulators), so the jobs it starts
 * run and it reads real views of them. A fixed seed and a bounded number of cases keep the run repeatable and short.
 * The jobs still running at the end are terminated.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '../../src/api-keys-config';
import { startApiServer } from '../../src/api/server';
import type { ApiServer } from '../../src/api/server';
import { freePort } from '../../src/dev/free-port';
import { startDevServer } from '../../src/dev/temporal-dev-server';
import type { DevServer } from '../../src/dev/temporal-dev-server';
import { TOOLS_BIN, requireTool } from '../../src/dev/tools';
import { createLogger } from '../../src/logger';
import { startStack } from '../helpers/stack';
import { connectTemporal } from '../helpers/temporal';
import type { Stack } from '../helpers/stack';

const KEY = 'contract-api-key-0123456789abcdef';
const SEED = 20;
/** Cases per operation in the fuzzing phase; the coverage phase adds the schema's own boundary cases. */
const MAX_EXAMPLES = 10;
const HOOK = join(__dirname, 'contract', 'opaque-cursor-hook.py');

/**
 * What is left out or narrowed, each with its reason. Nothing else is: every check runs on every operation, in the
 * coverage, fuzzing and stateful phases, in positive and negative mode.
 */
const EXCLUSIONS = {
  /** `positive_data_acceptance` on the start body. */
  startBodyPositiveAcceptance:
    'A start body has rules JSON Schema cannot state (the same id twice in one list, hidden characters in ids, ' +
    "FullStory's property names…; listed in StartJobRequest's description), so a schema-valid body may rightly be " +
    'refused with 400. Every other check still runs on POST /v1/jobs, including that each answer is documented.',
  /** 431 counts as a refusal of negative data (schemathesis's list of refusals lacks it). */
  oversizedRequests:
    "A negative case past a parameter's maxLength can make the request line exceed Node's 16 KiB, which Node refuses " +
    'with 431 before any route reads it; the document lists 431 on every operation, and it is a refusal.',
  /** opaque-cursor-hook.py: positive cases are sent without `cursor`. */
  generatedCursors:
    'A cursor is valid only as the server handed it out (the parameter says so); no schema can state that, so a ' +
    'generated one is rightly refused with 400. Negative cases keep their cursors.',
} as const;

const CONFIG = `
# Written by test/integration/api-contract.test.ts.
# ${EXCLUSIONS.oversizedRequests}
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "415", "422", "428", "429", "431", "5xx"]

# ${EXCLUSIONS.startBodyPositiveAcceptance}
[[operations]]
include-name = "POST /v1/jobs"
checks.positive_data_acceptance.enabled = false
`;

interface Failure {
  readonly title?: string;
  readonly code?: string;
  readonly operation?: string;
  readonly [key: string]: unknown;
}

interface StRun {
  readonly exitCode: number | null;
  readonly output: string;
  readonly seconds: number;
  readonly cases: number;
  readonly requests: number;
  readonly failures: readonly Failure[];
  readonly errors: readonly unknown[];
  /** `METHOD url → status` of every answer of 500 or above. */
  readonly serverErrors: readonly string[];
}

interface HarEntry {
  readonly request: { readonly method: string; readonly url: string };
  readonly response: { readonly status: number };
}

/** The report of `kind` (`json`, `har`), which schemathesis names `<kind>-<time>.json`. */
function reportOf<T>(dir: string, kind: string): T {
  const file = readdirSync(dir).find((name) => name.startsWith(`${kind}-`));
  if (!file) throw new Error(`schemathesis wrote no ${kind} report in ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

/** Runs `st run <location> <args>` with the hook and the config above, and reads its JSON and HAR reports. */
async function schemathesis(location: string, args: readonly string[]): Promise<StRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bulkflow-contract-'));
  try {
    const config = join(dir, 'schemathesis.toml');
    writeFileSync(config, CONFIG);
    const reports = join(dir, 'reports');
    const started = Date.now();
    const child = spawn(
      requireTool(join(TOOLS_BIN, 'st')),
      [
        '--config-file',
        config,
        'run',
        location,
        ...args,
        '--report',
        'json,har',
        '--report-dir',
        reports,
        // Nothing carried over from an earlier run: no example database, and its crash cache in `dir` (the cwd).
        '--generation-database',
        'none',
        '--no-color',
      ],
      // The hook: EXCLUSIONS.generatedCursors.
      { cwd: dir, env: { ...process.env, SCHEMATHESIS_HOOKS: HOOK }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exitCode = await new Promise<number | null>((done) => child.on('close', done));
    const seconds = (Date.now() - started) / 1000;
    const json = reportOf<{ test_cases: { generated: number }; failures: Failure[]; errors: unknown[] }>(
      reports,
      'json',
    );
    const entries = reportOf<{ log: { entries: HarEntry[] } }>(reports, 'har').log.entries;
    const serverErrors = entries
      .filter((entry) => entry.response.status >= 500)
      .map((entry) => `${entry.request.method} ${entry.request.url} → ${entry.response.status}`);
    return {
      exitCode,
      output,
      seconds,
      cases: json.test_cases.generated,
      requests: entries.length,
      failures: json.failures,
      errors: json.errors,
      serverErrors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the API against its own OpenAPI document (schemathesis)', () => {
  let server: DevServer;
  let stack: Stack;
  let api: ApiServer;
  let dbDir: string;
  const caller = `contract-${randomUUID().slice(0, 8)}`;
  const auth = ['--header', `Authorization: Bearer ${KEY}`];

  beforeAll(async () => {
    // A dev server of its own: the shared one holds other suites' jobs, sealed under their own keys (some erased on
    // purpose), which the stateful phase would list and follow; with a fixed seed, the same run every time.
    dbDir = mkdtempSync(join(tmpdir(), 'bulkflow-contract-'));
    server = await startDevServer({ dbFilename: join(dbDir, 'temporal.db'), port: await freePort(), uiPort: 0 });
    stack = await startStack({ name: 'contract', temporal: await connectTemporal(server.address) });
    const config = {
      ...stack.config,
      api: { port: 0, host: '127.0.0.1', keys: [{ caller, keySha256: sha256Hex(KEY), tenants: '*' as const }] },
      callbacks: { origins: ['https://hooks.example.test'], allowedNetworks: [] },
    };
    api = await startApiServer({ config, jobs: stack.jobs, log: createLogger('silent') });
  });

  afterAll(async () => {
    await api.close();
    await terminateJobsOf(stack, caller);
    await stack.close();
    await server.stop();
    rmSync(dbDir, { recursive: true, force: true });
  });

  it('finds no failure and no 5xx, with every exclusion named', async () => {
    const run = await schemathesis(`${api.url}/openapi.json`, [
      ...auth,
      '--seed',
      String(SEED),
      '--max-examples',
      String(MAX_EXAMPLES),
    ]);
    // Shown on every run: what was covered and how long it took (docs/decisions.md keeps a measured figure).
    process.stderr.write(
      `schemathesis: ${run.cases} cases, ${run.requests} requests in ${run.seconds.toFixed(1)} s (seed ${SEED})\n`,
    );
    // Schemathesis's own account (each failure with a curl line to reproduce it) when anything is wrong.
    process.stderr.write(run.output);
    expect({ failures: run.failures, errors: run.errors, serverErrors: run.serverErrors }).toEqual({
      failures: [],
      errors: [],
      serverErrors: [],
    });
    expect(run.exitCode).toBe(0);
    expect(run.cases).toBeGreaterThan(100);
  }, 300_000);

  it('fails when a route answers a status its document does not list', async () => {
    const document = (await (await fetch(`${api.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const items = document.paths['/v1/jobs/{id}/items']?.['get'];
    if (!items) throw new Error('the document has no GET /v1/jobs/{id}/items');
    delete items.responses['400'];
    const dir = mkdtempSync(join(tmpdir(), 'bulkflow-contract-doc-'));
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    try {
      const run = await schemathesis(file, [
        ...auth,
        '--url',
        api.url,
        '--seed',
        String(SEED),
        '--max-examples',
        '5',
        '--phases',
        'fuzzing',
        '--mode',
        'negative',
        '--include-name',
        'GET /v1/jobs/{id}/items',
      ]);
      expect(run.exitCode).not.toBe(0);
      expect(run.failures.map((failure) => failure.code)).toContain('ST103'); // Undocumented status code
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Terminates the fuzzer's jobs that still run (waiting on a simulator, or on a callback receiver that is not there). */
async function terminateJobsOf(stack: Stack, caller: string): Promise<void> {
  const query = `BulkRequestedBy = '${caller}' AND ExecutionStatus = 'Running'`;
  for await (const workflow of stack.client.workflow.list({ query })) {
    await stack.client.workflow.getHandle(workflow.workflowId).terminate('contract test finished');
  }
}
