import { z } from 'zod';
import { startSimulator, type SimulatorServer } from '../../../src/simulator';
import {
  createOperationSimulator,
  routeBuilder,
  simControlPath,
  type ConfigurableSimulator,
} from '../../../src/simulator/operation-simulator';

const ConfigSchema = z.strictObject({
  pollsToComplete: z.number().int().min(1).optional(),
  label: z.string().optional(),
});
type Config = z.infer<typeof ConfigSchema>;

interface Job {
  readonly id: string;
  readonly label: string;
}
interface Store {
  readonly jobs: Map<string, Job>;
  config: Config;
}

/** A simulator of one endpoint that creates a job labelled by the current configuration. */
function labelSimulator(initial: Config, configured: Config[] = []): ConfigurableSimulator<Config, Job> {
  const route = routeBuilder('webex.moveUsers', '/v1/things');
  return createOperationSimulator({
    operation: 'webex.moveUsers',
    configSchema: ConfigSchema,
    initial,
    newStore: (config): Store => ({ jobs: new Map(), config }),
    configure: (store, config) => {
      configured.push(config);
      store.config = config;
    },
    routes: (store) => [
      route('POST', '', 'start', () => {
        const job = { id: `job-${store.jobs.size + 1}`, label: store.config.label ?? 'none' };
        store.jobs.set(job.id, job);
        return { status: 201, body: job };
      }),
    ],
    jobSummaries: (store) => [...store.jobs.values()],
    ledger: (store) =>
      [...store.jobs.values()].map((job) => ({
        id: job.id,
        createdAt: '2026-11-01T00:00:00.000Z',
        finished: true,
        users: [{ ref: job.label, outcome: 'succeeded' as const }],
      })),
    errorBody: (status, message) => ({ status, message }),
  });
}

describe('simControlPath', () => {
  it.each([
    ['webex.moveUsers', '/__sim/webex/move-users'],
    ['webex.resendActivationEmails', '/__sim/webex/resend-activation-emails'],
    ['oracle.syncUsers', '/__sim/oracle/sync-users'],
    ['fullstory.importUsers', '/__sim/fullstory/import-users'],
    ['zoho.invitePortalUsers', '/__sim/zoho/invite-portal-users'],
  ] as const)('puts the control routes of %s under %s', (operation, path) => {
    expect(simControlPath(operation)).toBe(path);
  });
});

describe('createOperationSimulator', () => {
  let sim: ConfigurableSimulator<Config, Job>;
  let server: SimulatorServer;
  beforeEach(async () => {
    sim = labelSimulator({ label: 'initial' });
    server = await startSimulator({ simulators: [sim] });
  });
  afterEach(async () => {
    await server.close();
  });

  const control = (method: string, suffix: string, body?: unknown): Promise<Response> =>
    fetch(`${server.url}/__sim/webex/move-users${suffix}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const startJob = async (): Promise<Job> =>
    (await (await fetch(`${server.url}/v1/things`, { method: 'POST' })).json()) as Job;

  it('names itself, its endpoints and its control endpoints after the operation', () => {
    expect(sim.name).toBe('webex.moveUsers');
    expect(sim.routes.map((r) => [r.method, r.pattern, r.endpoint])).toEqual([
      ['POST', '/v1/things', 'webex.moveUsers.start'],
    ]);
    expect(sim.controlRoutes?.map((r) => [r.method, r.pattern, r.endpoint])).toEqual([
      ['POST', '/__sim/webex/move-users/config', 'sim.webex.moveUsers.config.set'],
      ['GET', '/__sim/webex/move-users/config', 'sim.webex.moveUsers.config.get'],
      ['GET', '/__sim/webex/move-users/jobs', 'sim.webex.moveUsers.jobs'],
      ['GET', '/__sim/webex/move-users/ledger', 'sim.webex.moveUsers.ledger'],
    ]);
  });

  it('replaces its configuration with POST …/config, answers with it, and serves it on GET …/config', async () => {
    const set = await control('POST', '/config', { pollsToComplete: 2 });
    expect([set.status, await set.json()]).toEqual([200, { pollsToComplete: 2 }]);
    expect(await (await control('GET', '/config')).json()).toEqual({ pollsToComplete: 2 });
    expect((await startJob()).label).toBe('none');
  });

  it('answers a bad configuration 400 with a message naming the field, and keeps the configuration', async () => {
    const bad = await control('POST', '/config', { pollsToComplete: 0, nope: true });
    expect(bad.status).toBe(400);
    const { message } = (await bad.json()) as { message: string };
    expect(message).toContain('pollsToComplete');
    expect(message).toContain('nope');
    expect(sim.getConfig()).toEqual({ label: 'initial' });
  });

  it('lists its jobs, oldest first, on GET …/jobs and to tests', async () => {
    await startJob();
    await startJob();
    const jobs = [
      { id: 'job-1', label: 'initial' },
      { id: 'job-2', label: 'initial' },
    ];
    expect(await (await control('GET', '/jobs')).json()).toEqual({ items: jobs });
    expect([sim.getJobs(), sim.jobCount()]).toEqual([jobs, 2]);
  });

  it('serves its ledger on GET …/ledger and to tests', async () => {
    await startJob();
    const jobs = [
      {
        id: 'job-1',
        createdAt: '2026-11-01T00:00:00.000Z',
        finished: true,
        users: [{ ref: 'initial', outcome: 'succeeded' }],
      },
    ];
    expect(await (await control('GET', '/ledger')).json()).toEqual({ jobs });
    expect(sim.ledger()).toEqual(jobs);
  });

  it('forgets its jobs and restores the initial configuration on reset, also through POST /__sim/reset', async () => {
    sim.setConfig({ label: 'changed' });
    await startJob();
    sim.reset();
    expect([sim.jobCount(), sim.getConfig()]).toEqual([0, { label: 'initial' }]);
    sim.setConfig({ label: 'changed again' });
    await startJob();
    expect((await fetch(`${server.url}/__sim/reset`, { method: 'POST' })).status).toBe(204);
    expect([sim.jobCount(), sim.getConfig(), await startJob()]).toEqual([
      0,
      { label: 'initial' },
      { id: 'job-1', label: 'initial' },
    ]);
  });

  it("gives scripted status faults the simulator's error body", async () => {
    server.faults.add('webex.moveUsers.start', { kind: 'status', status: 503 });
    const res = await fetch(`${server.url}/v1/things`, { method: 'POST' });
    expect([res.status, await res.json()]).toEqual([503, { status: 503, message: 'Service Unavailable' }]);
  });
});

describe('createOperationSimulator configuration', () => {
  it('passes every parsed configuration to configure, and refuses an invalid one from setConfig', () => {
    const configured: Config[] = [];
    const sim = labelSimulator({}, configured);
    sim.setConfig({ label: 'a' });
    expect(() => sim.setConfig({ pollsToComplete: 0 })).toThrow(z.ZodError);
    expect([configured, sim.getConfig()]).toEqual([[{ label: 'a' }], { label: 'a' }]);
  });

  it('refuses an invalid initial configuration', () => {
    expect(() => labelSimulator({ pollsToComplete: -1 })).toThrow(z.ZodError);
  });
});
