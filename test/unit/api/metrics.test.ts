import { buildApp } from '../../../src/api/app';
import { API_METRIC_NAMES, UNMATCHED_ROUTE, createApiMetrics } from '../../../src/api/metrics';
import { createFakeJobs } from './fake-jobs';

function appWithMetrics() {
  const metrics = createApiMetrics();
  const app = buildApp({ jobs: createFakeJobs({}), keys: [], metrics });
  return { app, metrics };
}

/** The value of `name`'s sample whose labels include every one of `labels`. */
async function sample(text: Promise<string>, name: string, labels: string[]): Promise<number | undefined> {
  const line = (await text)
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && labels.every((label) => l.includes(label)));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('API metrics', () => {
  it('counts answers by method, route template and status, never by the path itself', async () => {
    const { app, metrics } = appWithMetrics();
    await app.inject({ method: 'GET', url: '/v1/jobs/marker-job-id-4242' });
    await app.inject({ method: 'GET', url: '/v1/jobs/other-job-id' });
    const text = await metrics.text();
    expect(
      await sample(Promise.resolve(text), API_METRIC_NAMES.requests, [
        'method="GET"',
        'route="/v1/jobs/:id"',
        'status="401"',
      ]),
    ).toBe(2);
    expect(text).not.toContain('marker-job-id-4242');
  });

  it('labels a request no route matched as unmatched, and times every answer', async () => {
    const { app, metrics } = appWithMetrics();
    await app.inject({ method: 'GET', url: '/no/such/path-marker-77' });
    const text = metrics.text();
    expect(await sample(text, API_METRIC_NAMES.requests, [`route="${UNMATCHED_ROUTE}"`, 'status="404"'])).toBe(1);
    expect(await sample(text, `${API_METRIC_NAMES.duration}_count`, [`route="${UNMATCHED_ROUTE}"`])).toBe(1);
    expect(await text).not.toContain('path-marker-77');
  });

  it('exports the process metrics beside them', async () => {
    expect(await appWithMetrics().metrics.text()).toContain('process_cpu_seconds_total');
  });
});
