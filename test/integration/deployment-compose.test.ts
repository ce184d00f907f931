/**
 * The deployment files, checked by the tools that will read them: Compose v2's own `config` (the binary, not its
 * wrapper) reads docker-compose.yml as an operator's fresh copy holds it, hadolint reads the Dockerfile, and the
 * namespace setup script runs against the real dev server with the real `temporal` CLI. No Docker engine runs here;
 * what only an engine can show is listed in docs/deployment.md "How this was checked".
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { z } from 'zod';
import { HADOLINT, PROJECT_ROOT, TEMPORAL_CLI, TOOLS_BIN, dockerComposeBinary, requireTool } from '../../src/dev/tools';
import { SEARCH_ATTRIBUTES } from '../../src/workflows/definitions';
import { withoutBulkflowVariables } from '../helpers/cli-process';
import { waitFor } from '../helpers/jobs';

const run = promisify(execFile);

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a binary to its end; a non-zero exit is a result here, not a throw. */
async function runTool(file: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }) {
  try {
    const { stdout, stderr } = await run(file, args, { ...options, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr } satisfies Ran;
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' } satisfies Ran;
  }
}

/** A fresh copy of the deployment files, as an operator has them after `cp deploy/secrets.env.example …`. */
function operatorCopy(edit: (compose: string) => string = (text) => text): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulkflow-deploy-'));
  cpSync(join(PROJECT_ROOT, 'deploy'), join(dir, 'deploy'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'Dockerfile'), join(dir, 'Dockerfile'));
  cpSync(join(dir, 'deploy', 'secrets.env.example'), join(dir, 'deploy', 'secrets.env'));
  writeFileSync(join(dir, 'docker-compose.yml'), edit(readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8')));
  return dir;
}

const DB_PASSWORD = 'db-password-from-the-environment';
/** An environment with none of the developer's bulkflow, Temporal or compose settings. */
const cleanEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(
    Object.entries(withoutBulkflowVariables(process.env)).filter(([k]) => !k.startsWith('COMPOSE_')),
  ),
  ...extra,
});

function composeConfig(dir: string, args: readonly string[], env = cleanEnv({ TEMPORAL_DB_PASSWORD: DB_PASSWORD })) {
  return runTool(dockerComposeBinary(), ['--project-directory', dir, ...args], { cwd: dir, env });
}

const ResolvedSchema = z.object({
  services: z.record(
    z.string(),
    z.looseObject({
      image: z.string(),
      build: z.unknown().optional(),
      restart: z.string().optional(),
      healthcheck: z.looseObject({ test: z.array(z.string()) }).optional(),
      environment: z.record(z.string(), z.string().nullable()).optional(),
      depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
    }),
  ),
});

/** The model Compose itself resolves from the file (interpolated, env files read, defaults filled in). */
async function resolvedModel() {
  const ran = await composeConfig(operatorCopy(), ['--profile', 'demo', 'config', '--format', 'json']);
  expect(ran).toMatchObject({ code: 0 });
  return ResolvedSchema.parse(JSON.parse(ran.stdout));
}

/** Server and UI versions the tests run: the bootstrap-installed Temporal CLI names the ones it bundles. */
async function testedVersions(): Promise<{ server: string; ui: string }> {
  const { stdout } = await runTool(requireTool(TEMPORAL_CLI), ['--version'], {});
  const match = /Server ([\d.]+), UI ([\d.]+)/.exec(stdout);
  if (!match?.[1] || !match[2]) throw new Error(`unexpected temporal --version: ${stdout}`);
  return { server: match[1], ui: match[2] };
}

/** Long-running services with no health check of their own, and why (docs/deployment.md#health-checks): none. */
const NO_HEALTHCHECK: Readonly<Record<string, string>> = {};

describe('docker-compose.yml, read by Compose v2', () => {
  it('is valid for Compose itself, in an operator’s fresh copy with the example secrets file', async () => {
    const ran = await composeConfig(operatorCopy(), ['--profile', 'demo', 'config', '-q']);
    expect(ran).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('is refused by Compose when a service has a key Compose does not know', async () => {
    const dir = operatorCopy((text) => text.replace('    stop_grace_period: 45s\n', '    stop_grace_perod: 45s\n'));
    const ran = await composeConfig(dir, ['config', '-q']);
    expect(ran.code).not.toBe(0);
    expect(ran.stderr).toContain('stop_grace_perod');
  });

  it('ships no database password: without TEMPORAL_DB_PASSWORD Compose refuses, naming it', async () => {
    const ran = await composeConfig(operatorCopy(), ['config', '-q'], cleanEnv());
    expect(ran.code).not.toBe(0);
    expect(ran.stderr).toMatch(/required variable TEMPORAL_DB_PASSWORD is missing a value/);
  });

  it('pins every image by tag or digest, never latest', async () => {
    const { services } = await resolvedModel();
    const unpinned = Object.entries(services)
      .filter(([, s]) => !/^[\w./-]+(:[\w.-]+|@sha256:[a-f\d]{64})$/.test(s.image) || /:latest$/.test(s.image))
      .map(([name, s]) => `${name}: ${s.image}`);
    expect(unpinned).toEqual([]);
  });

  it('runs the server, its admin-tools and the UI at the versions the tests run', async () => {
    const { services } = await resolvedModel();
    const { server, ui } = await testedVersions();
    expect({
      temporal: services['temporal']?.image,
      'temporal-schema': services['temporal-schema']?.image,
      'temporal-setup': services['temporal-setup']?.image,
      'temporal-ui': services['temporal-ui']?.image,
    }).toEqual({
      temporal: `temporalio/server:${server}`,
      'temporal-schema': `temporalio/admin-tools:${server}`,
      'temporal-setup': `temporalio/admin-tools:${server}`,
      'temporal-ui': `temporalio/ui:${ui}`,
    });
    expect(Object.values(services).map((s) => s.image)).not.toContainEqual(expect.stringContaining('auto-setup'));
  });

  it('sets up the schema before the server, and the namespace before any bulkflow process', async () => {
    const { services } = await resolvedModel();
    const dependsOn = (name: string) =>
      Object.fromEntries(Object.entries(services[name]?.depends_on ?? {}).map(([d, { condition }]) => [d, condition]));
    expect(dependsOn('temporal')).toEqual({ 'temporal-schema': 'service_completed_successfully' });
    expect(dependsOn('temporal-setup')).toEqual({ temporal: 'service_healthy' });
    for (const name of ['worker', 'api', 'codec']) {
      expect([name, dependsOn(name)]).toEqual([name, { 'temporal-setup': 'service_completed_successfully' }]);
    }
    expect(services['temporal']?.environment?.['DYNAMIC_CONFIG_FILE_PATH']).toBe('config/dynamicconfig/bulkflow.yaml');
  });

  it('gives every long-running service a health check, the worker through its /metrics', async () => {
    const { services } = await resolvedModel();
    const longRunning = Object.entries(services).filter(([, s]) => s.restart !== 'no');
    const missing = longRunning.filter(([name, s]) => !s.healthcheck && !(name in NO_HEALTHCHECK)).map(([n]) => n);
    expect(missing).toEqual([]);
    expect(longRunning.map(([name]) => name)).toEqual(expect.arrayContaining(Object.keys(NO_HEALTHCHECK)));
  });

  it('holds no secret in plain text: each comes from a variable with no default, or from secrets.env', () => {
    const text = readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8');
    const secretSettings = [...text.matchAll(/^\s+(\w*(?:PASSWORD|PWD|SECRET|TOKENS?|KEYS?)): (.*)$/gm)];
    expect(secretSettings.length).toBeGreaterThan(0);
    // `${VAR:?message}` (required) or `${VAR:-}` (empty unless set): the file itself holds no value.
    const plain = secretSettings
      .filter(([, , value]) => !/^\$\{[A-Z_]+(:\?[^}]+|:-)\}$/.test(value ?? ''))
      .map(([line]) => line.trim());
    expect(plain).toEqual([]);
    const example = readFileSync(join(PROJECT_ROOT, 'deploy', 'secrets.env.example'), 'utf8');
    const filled = example.split('\n').filter((line) => /^[A-Z_]+=./.test(line));
    expect(filled).toEqual([]);
    // The config file compose mounts names secret files (`tokenFile:`) and key digests, never the secrets themselves.
    const mounted = JSON.stringify(parse(readFileSync(join(PROJECT_ROOT, 'deploy', 'bulkflow.example.yaml'), 'utf8')));
    expect(mounted.match(/"(token|password|apiKey|key)":/g)).toBeNull();
  });
});

describe('Dockerfile, read by hadolint', () => {
  it('passes hadolint without a message', async () => {
    const ran = await runTool(requireTool(HADOLINT), ['--no-color', 'Dockerfile'], { cwd: PROJECT_ROOT });
    expect(ran).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('is refused by hadolint when it switches to a user by name (DL3066)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkflow-dockerfile-'));
    const byName = readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8').replace(/^USER .*$/m, 'USER node');
    writeFileSync(join(dir, 'Dockerfile'), byName);
    const ran = await runTool(HADOLINT, ['--no-color', 'Dockerfile'], { cwd: dir });
    expect(ran.code).not.toBe(0);
    expect(ran.stdout).toContain('DL3066');
  });

  it('builds the workflow bundle into the image and points the worker at it', () => {
    const dockerfile = readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^WORKDIR \/app$/m);
    expect(dockerfile).toContain('node dist/build-workflow-bundle.js dist/workflow-bundle.js');
    expect(dockerfile).toMatch(/^ENV BULKFLOW_WORKFLOW_BUNDLE=\/app\/dist\/workflow-bundle\.js$/m);
  });
});

describe('deploy/temporal/setup-namespace.sh, run against the dev server with the real temporal CLI', () => {
  const address = (): string => {
    const value = process.env['BULKFLOW_TEST_TEMPORAL_ADDRESS'];
    if (!value) throw new Error('the integration global setup did not start Temporal');
    return value;
  };
  const setup = (namespace: string) =>
    runTool('/bin/sh', [join(PROJECT_ROOT, 'deploy', 'temporal', 'setup-namespace.sh')], {
      env: cleanEnv({
        PATH: `${TOOLS_BIN}:${process.env['PATH'] ?? ''}`,
        TEMPORAL_ADDRESS: address(),
        TEMPORAL_NAMESPACE: namespace,
        TEMPORAL_NAMESPACE_RETENTION: '72h',
      }),
    });

  const temporal = (args: readonly string[]) =>
    runTool(TEMPORAL_CLI, [...args, '--address', address()], { env: cleanEnv() });

  it('registers the namespace and the workflows’ search attributes, and succeeds again on a second run', async () => {
    const namespace = `deploy-setup-${process.pid}-${Date.now()}`;
    const first = await setup(namespace);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain(`registered namespace ${namespace} (retention 72h)`);
    const again = await setup(namespace);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain(`namespace ${namespace} exists`);

    const listed = await temporal(['operator', 'search-attribute', 'list', '-n', namespace, '-o', 'json']);
    expect(listed).toMatchObject({ code: 0 });
    for (const key of Object.values(SEARCH_ATTRIBUTES)) expect(listed.stdout).toContain(`"${key.name}"`);
    const described = await temporal(['operator', 'namespace', 'describe', '-n', namespace]);
    expect(described.stdout).toMatch(/WorkflowExecutionRetentionTtl\s+72h/);
  });

  it('fails, naming the attribute, when the namespace has one of them with another type', async () => {
    const namespace = `deploy-conflict-${process.pid}-${Date.now()}`;
    expect(await temporal(['operator', 'namespace', 'create', '-n', namespace])).toMatchObject({ code: 0 });
    const text = ['operator', 'search-attribute', 'create', '-n', namespace, '--name', 'BulkState', '--type', 'Text'];
    // The new namespace reaches the frontend's cache within seconds: retry until it takes the attribute.
    await waitFor('the namespace to take a search attribute', async () => (await temporal(text)).code === 0, {
      everyMs: 500,
    });
    const ran = await setup(namespace);
    expect(ran.code).not.toBe(0);
    expect(ran.stderr).toContain('BulkState already exists and has different type Text');
  });
});
