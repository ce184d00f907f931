/**
 * Audit from history on the real dev server: a scripted job (429 on start, a 423, a 429, a 5xx burst, per-user
 * failures, then a cancel while the next provider job is awaited) gives the golden timeline; a job that continued
 * as new is audited over all its runs; no format of any audit carries a credential; the API and the CLI serve it.
 * `BULKFLOW_UPDATE_GOLDEN=1` rewrites the golden files (review the diff before committing).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_FORMATS, AuditTimelineSchema, formatTimeline } from '../../src/audit';
import type { AuditEntry, AuditTimeline } from '../../src/audit';
import { buildApp } from '../../src/api/app';
import { sha256Hex } from '../../src/api-keys-config';
import { runCli } from '../helpers/cli-process';
import { jobId, moveUsers, waitFor } from '../helpers/jobs';
import { freePort } from '../../src/dev/free-port';
import { TEMPORAL_CLI } from '../../src/dev/tools';
import { receiverCallbackEnv, startReceiver } from '../helpers/receiver';
import { clientEnv, startStack, TEST_FULLSTORY_KEY, TEST_ORACLE_PASSWORD, TEST_TOKEN } from '../helpers/stack';
import type { Stack } from '../helpers/stack';

const GOLDEN = join(__dirname, '..', 'fixtures', 'audit');
const UPDATE = process.env['BULKFLOW_UPDATE_GOLDEN'] === '1';
const STATUS = 'webex.moveUsers.status';
const CALLBACK_SECRET = 'audit-callback-secret-0123456789';

/** The timeline with what changes from run to run (times, ids, durations) replaced by placeholders. */
function normalized(timeline: AuditTimeline, taskQueue: string): unknown {
  const ids = new Map<string, string>([[timeline.jobId, '<job>']]);
  timeline.runs.forEach((r) => ids.set(r.runId, `<run-${r.run}>`));
  timeline.providerJobs.forEach((j) => ids.set(j.id, `<provider-job-${j.batch}>`));
  const text = JSON.stringify(timeline, (key, value: unknown) => {
    if (['at', 'startedAt', 'closedAt', 'requestedAt', 'finishedAt'].includes(key)) return '<time>';
    if (['tookMs', 'waitedMs'].includes(key)) return '<ms>';
    if (key === 'digest') return '<digest>';
    return typeof value === 'string' ? (ids.get(value) ?? value) : value;
  });
  return JSON.parse(text.replaceAll(taskQueue, '<queue>')) as unknown;
}

function normalizedText(text: string, timeline: AuditTimeline): string {
  let out = text;
  for (const [id, name] of [
    [timeline.jobId, '<job>'],
    ...timeline.providerJobs.map((j) => [j.id, `<provider-job-${j.batch}>`]),
  ]) {
    out = out.replaceAll(id ?? '', name ?? '');
  }
  return out
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>')
    .replace(/^ +\+\d+\.\ds/gm, '   +<t>')
    .replace(/ in \d+\.\ds/g, ' in <t>')
    .replace(/granted after \d+\.\ds/g, 'granted after <t>')
    .replace(/digest [0-9a-f]{16}…/g, 'digest <digest>');
}

function golden(name: string, actual: string): string {
  const file = join(GOLDEN, name);
  if (UPDATE) writeFileSync(file, actual);
  return readFileSync(file, 'utf8');
}

function kinds(entries: readonly AuditEntry[]): string[] {
  return entries.map((e) => ('batch' in e ? `${e.kind}#${e.batch}` : e.kind));
}

describe('audit from workflow history', () => {
  let stack: Stack;
  let receiverPort: number;

  beforeAll(async () => {
    receiverPort = await freePort();
    stack = await startStack({
      name: 'audit',
      // The golden timeline shows the scripted Retry-After waits exactly; the pace a worker keeps on a connection after
      // a 429 (docs/decisions.md, "One cooldown per provider rate-limit scope") would add waits that vary by run.
      sharedCooldown: false,
      env: { BULKFLOW_CALLBACK_SECRET: CALLBACK_SECRET, ...receiverCallbackEnv(receiverPort) },
    });
  });

  afterAll(async () => {
    stack.sim.faults.release(STATUS, 'reset');
    await stack.close();
  });

  beforeEach(() => {
    stack.sim.reset();
    stack.webexMove.setConfig({ pollsToComplete: 3 });
  });

  /** Runs the scripted job and returns its id once it has finished. */
  async function scriptedJob(): Promise<string> {
    const faults = stack.sim.faults;
    faults.add('webex.moveUsers.start', { kind: 'status', status: 429, retryAfter: '1' });
    faults.add(STATUS, { kind: 'status', status: 423, retryAfter: '1' });
    faults.add(STATUS, { kind: 'status', status: 429, retryAfter: '1' });
    faults.add(STATUS, { kind: 'status', status: 503 }, 3);
    // Batch 0's three real polls pass; batch 1's first poll is held, so the cancel lands while it is awaited.
    faults.add(STATUS, { kind: 'hold', accept: false }, 1, 3);
    const id = await stack.jobs.start(
      { operation: 'webex.moveUsers', input: { users: [...moveUsers(3, 'loc-A', [1]), ...moveUsers(2, 'loc-B')] } },
      { idempotencyKey: jobId('audit-golden'), requestedBy: 'ops@example.test', tuning: { pollIntervalMs: 20 } },
    );
    await waitFor('batch 1 awaited', () => faults.held(STATUS) === 1);
    await stack.jobs.cancel(id, 'oncall@example.test');
    expect((await stack.jobs.result(id)).state).toBe('cancelled');
    return id;
  }

  it('explains the scripted job exactly as the golden timeline (JSON and text)', async () => {
    const id = await scriptedJob();
    const timeline = AuditTimelineSchema.parse(await stack.jobs.audit(id));

    const queue = stack.config.temporal.taskQueue;
    const json = `${JSON.stringify(normalized(timeline, queue), null, 2)}\n`;
    expect(json).toBe(golden('scripted-job.json', json));
    const text = normalizedText(formatTimeline(timeline, 'text'), timeline).replaceAll(queue, '<queue>');
    expect(text).toBe(golden('scripted-job.txt', text));
    // The golden file is checked against the simulator's own record of the job, not just against itself.
    const batch0 = stack.sim.log
      .entries({ endpoint: STATUS })
      .slice(0, 8)
      .map((r) => r.status);
    expect(batch0).toEqual([423, 429, 503, 503, 503, 200, 200, 200]);
    expect(timeline.providerJobs[0]).toMatchObject({ polls: 8, waitedOnRetryAfterMs: 2_000 });
    stack.sim.faults.release(STATUS, 'reset');
  });

  it('covers every run of a job that continued as new', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 12 });
    const id = await stack.jobs.start(
      { operation: 'webex.moveUsers', input: { users: moveUsers(2, 'loc-A') } },
      {
        idempotencyKey: jobId('audit-can'),
        requestedBy: 'ops@example.test',
        tuning: { pollIntervalMs: 20, segmentMs: 120, maxSegmentsPerRun: 1 },
      },
    );
    expect((await stack.jobs.result(id)).state).toBe('succeeded');
    const timeline = AuditTimelineSchema.parse(await stack.jobs.audit(id));

    const description = await stack.client.workflow.getHandle(id).describe();
    expect(timeline.runs.length).toBeGreaterThanOrEqual(2);
    expect(timeline.runs.at(-1)?.runId).toBe(description.runId);
    timeline.runs.slice(0, -1).forEach((run, i) => {
      const next = timeline.entries.find((e) => e.kind === 'continuedAsNew' && e.run === run.run);
      expect([run.end, next && 'nextRunId' in next ? next.nextRunId : undefined]).toEqual([
        'continuedAsNew',
        timeline.runs[i + 1]?.runId,
      ]);
    });
    const segments = timeline.entries.filter((e) => e.kind === 'segment');
    expect(segments.map((s) => s.segment)).toEqual(segments.map((_s, i) => i + 1));
    expect(new Set(segments.map((s) => s.run)).size).toBe(timeline.runs.length);
    // Every poll the simulator answered is accounted for in some run's segment.
    expect(segments.reduce((sum, s) => sum + s.polls, 0)).toBe(stack.sim.log.entries({ endpoint: STATUS }).length);
    expect(kinds(timeline.entries).filter((k) => k === 'requested' || k === 'completed')).toEqual([
      'requested',
      'completed',
    ]);
  });

  it('carries no credential in any format, even when a provider echoes one in an error', async () => {
    const echoed = { message: `Unauthorized client for Bearer ${TEST_TOKEN}`, trackingId: 'x' };
    stack.sim.faults.add('webex.moveUsers.start', { kind: 'status', status: 400, body: echoed });
    const receiver = await startReceiver([], receiverPort);
    const webex = await stack.jobs.start(
      { operation: 'webex.moveUsers', input: { users: moveUsers(2, 'loc-A') } },
      { requestedBy: 'ops@example.test', callbackUrl: `${receiver.url}?token=${CALLBACK_SECRET}` },
    );
    const added = [
      {
        loginId: 'A1',
        firstName: 'Jim',
        lastName: 'Smith',
        emailAddress: 'a1@company.example',
        disabled: false,
        organization: { name: 'sfo', type: 'Company' },
        roles: [{ name: 'PrimaveraUnifierProduction' }],
        userType: 'EMP',
      },
    ];
    const oracle = await stack.jobs.start(
      { operation: 'oracle.syncUsers', input: { added } },
      { requestedBy: 'ops@example.test', tuning: { pollIntervalMs: 20 } },
    );
    expect((await stack.jobs.result(webex)).state).toBe('failed');
    expect((await stack.jobs.result(oracle)).state).toBe('succeeded');
    await receiver.close();
    // The callback was signed with the secret, so the secret was in play, and still reached no audit output.
    expect(receiver.requests[0]?.headers).toHaveProperty('x-bulkflow-signature');
    const basic = Buffer.from(`sim-admin:${TEST_ORACLE_PASSWORD}`).toString('base64');
    for (const id of [webex, oracle]) {
      const timeline = await stack.jobs.audit(id);
      for (const format of AUDIT_FORMATS) {
        const output = formatTimeline(timeline, format);
        for (const secret of [TEST_TOKEN, TEST_FULLSTORY_KEY, TEST_ORACLE_PASSWORD, basic, CALLBACK_SECRET]) {
          expect({ id, format, leaked: output.includes(secret) }).toEqual({ id, format, leaked: false });
        }
      }
    }
    expect(JSON.stringify(await stack.jobs.audit(webex))).toContain('Bearer [redacted]');
  });

  it('is served by GET /v1/jobs/{id}/audit and by `bulkflow audit`', async () => {
    stack.webexMove.setConfig({ pollsToComplete: 1 });
    const id = await stack.jobs.start(
      { operation: 'webex.moveUsers', input: { users: moveUsers(2, 'loc-A', [0]) } },
      { requestedBy: 'ops@example.test', tuning: { pollIntervalMs: 20 } },
    );
    await stack.jobs.result(id);
    const key = 'audit-api-key-0123456789abcdef';
    const app = buildApp({ jobs: stack.jobs, keys: [{ caller: 'auditor', keySha256: sha256Hex(key), tenants: '*' }] });
    const response = await app.inject({
      method: 'GET',
      url: `/v1/jobs/${id}/audit?format=text`,
      headers: { authorization: `Bearer ${key}` },
    });
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(new RegExp(`^Job ${id}: webex.moveUsers, partial\\n`));

    const cli = await runCli(['audit', id, '--format', 'json'], clientEnv(stack));
    expect(cli.code).toBe(0);
    const timeline = AuditTimelineSchema.parse(JSON.parse(cli.stdout));
    expect(timeline).toMatchObject({ jobId: id, state: 'partial', failures: [{ ref: 'FAIL-user-loc-A-0' }] });

    // From an exported history (as Temporal stores it: encrypted), decoded with the keys of the environment.
    const exported = join(stack.dir, `${id}.json`);
    const args = ['workflow', 'show', '--workflow-id', id, '--output', 'json', '--address', stack.temporal.address];
    writeFileSync(exported, execFileSync(TEMPORAL_CLI, args));
    const archived = await runCli(['audit', id, '--format', 'json', '--history', exported], clientEnv(stack));
    expect(archived.code).toBe(0);
    expect(AuditTimelineSchema.parse(JSON.parse(archived.stdout))).toEqual(timeline);
  });
});
