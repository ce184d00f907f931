/**
 * The Temporal Web UI of the embedded dev server, in a real browser (Debian's Chromium, headless, driven by
 * playwright-core): a finished job is shown with its summary, details, status and outcome. Payloads are encrypted,
 * so the UI shows them only through bulkflow's codec server, which it calls from the browser (CORS) as the embedded
 * stack sets it up: `--ui-codec-endpoint`, loopback, the UI's origin. Screenshots go to reports/screenshots/
 * (git-ignored).
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { codecServerCodecs } from '../../src/data-converter';
import { startCodecServer } from '../../src/codec/server/server';
import type { CodecServer } from '../../src/codec/server/server';
import { freePort } from '../../src/dev/free-port';
import { createLogger } from '../../src/logger';
import { startDevServer } from '../../src/dev/temporal-dev-server';
import type { DevServer } from '../../src/dev/temporal-dev-server';
import { jobId, moveUsers, waitFor } from '../helpers/jobs';
import { startStack } from '../helpers/stack';
import type { Stack } from '../helpers/stack';
import { connectTemporal } from '../helpers/temporal';

const CHROMIUM = '/usr/bin/chromium';
/** Without the background-networking flags Chromium stalls on a closed network. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = resolve(__dirname, '..', '..', 'reports', 'screenshots');
const UI_TIMEOUT_MS = 30_000;

function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: run "npm run bootstrap" as root (it apt-get installs Debian's chromium) ` +
        'or install it yourself ("apt-get install --no-install-recommends chromium")',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: UI_TIMEOUT_MS });
}

async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `web-ui-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A locator once it is visible (Playwright waits on the page, not on a clock); thrown after the timeout. */
async function shown(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  return locator;
}

describe('Temporal Web UI of the dev server', () => {
  let server: DevServer | undefined;
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let codec: CodecServer | undefined;
  let decodeCalls = 0;
  let id: string;

  async function open(path: string, name: string, check: (page: Page) => Promise<void>): Promise<void> {
    const page = await (browser as Browser).newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'POST' && url.origin === codec?.url && url.pathname === '/decode') decodeCalls += 1;
    });
    try {
      await page.goto(`${server?.uiUrl ?? ''}/namespaces/default/${path}`);
      await check(page);
    } finally {
      // Also on failure: the picture says what the UI showed instead.
      await screenshot(page, name);
      await page.close();
    }
  }

  beforeAll(async () => {
    browser = await launchChromium();
    const codecPort = await freePort();
    const uiPort = await freePort();
    server = await startDevServer({
      dbFilename: join(mkdtempSync(join(tmpdir(), 'bulkflow-web-ui-')), 'temporal.db'),
      port: await freePort(),
      uiPort,
      fastTimers: true,
      extraArgs: ['--ui-codec-endpoint', `http://127.0.0.1:${codecPort}`],
    });
    stack = await startStack({ name: 'web-ui', temporal: await connectTemporal(server.address) });
    codec = await startCodecServer({
      settings: { host: '127.0.0.1', port: codecPort, uiOrigins: [`http://127.0.0.1:${uiPort}`] },
      namespace: stack.config.temporal.namespace,
      codecs: codecServerCodecs(stack.config.temporal),
      log: createLogger('silent'),
    });
    id = await stack.jobs.start(
      { operation: 'webex.moveUsers', input: { users: moveUsers(120, 'loc-A', [5]) } },
      { idempotencyKey: jobId('web-ui'), requestedBy: 'ops-console', tuning: { pollIntervalMs: 20 } },
    );
    expect((await stack.jobs.result(id)).state).toBe('partial');
    // The list page reads visibility, which is written after the result: wait until it has the final state.
    const client = stack.client;
    await waitFor('the finished job in visibility', async () => {
      for await (const _ of client.workflow.list({ query: `WorkflowId = '${id}' AND BulkState = 'partial'` })) {
        return true;
      }
      return false;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await codec?.close();
    await stack?.close();
    await server?.stop();
  });

  it('shows the finished job: its id, Completed, and the partial outcome in its result (decoded)', async () => {
    const before = decodeCalls;
    await open(`workflows/${id}`, 'job', async (page) => {
      expect(await (await shown(page.getByTestId('workflow-id-heading'))).textContent()).toContain(id);
      await shown(page.getByTestId('execution-status').filter({ hasText: 'Completed' }));
      await shown(page.getByText('"state": "partial"'));
      await shown(page.getByText('"failed": 1'));
    });
    // The result is encrypted in history: the browser asked the codec server to decode it.
    expect(decodeCalls).toBeGreaterThan(before);
  });

  it('shows the static summary and details, and the current details with the final state', async () => {
    await open(`workflows/${id}`, 'metadata', async (page) => {
      await (await shown(page.getByTestId('user-metadata-tab'))).click();
      const summary = page.frameLocator('#user-metadata-summary');
      await shown(summary.getByText('webex.moveUsers · connection default · 120 items · by ops-console'));
      const details = page.frameLocator('#user-metadata-details');
      await shown(details.getByText('Items requested:'));
      await shown(details.getByText(id));
      const current = page.frameLocator('#user-metadata-current-details');
      await shown(current.getByText('partial (finished)'));
      await shown(current.getByText('119 succeeded · 1 failed · 0 pending (of 120)'));
      await shown(current.getByText('2 started of 2 batches, 0 running'));
    });
  });

  it('lists the job as Completed, and with the bulkflow columns added, as a partial webex.moveUsers job', async () => {
    // UI 2.54 has no summary column in the list; the search attributes carry operation, tenant and state.
    await open('workflows', 'list', async (page) => {
      const row = () => page.getByRole('row').filter({ hasText: id });
      await shown(row().filter({ hasText: 'Completed' }));
      await page.getByTestId('workflows-summary-table-configuration-button').click();
      for (const column of ['Run ID', 'Type', 'End']) {
        await (await shown(page.getByRole('button', { name: `Remove ${column} column` }))).click();
      }
      for (const column of ['BulkOperation', 'BulkState', 'BulkRequestedBy']) {
        await (await shown(page.getByRole('button', { name: `Add ${column} column` }))).click();
      }
      await page.getByRole('button', { name: 'Close' }).first().click();
      const drawer = page.getByText('Configure Workflows Table');
      await drawer.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
      await shown(page.getByRole('columnheader', { name: 'BulkState' }));
      await shown(row().getByRole('cell', { name: 'webex.moveUsers', exact: true }));
      await shown(row().getByRole('cell', { name: 'partial', exact: true }));
    });
  });

  it('updates the current details while a job runs, and shows the final state after it was cancelled', async () => {
    const jobs = (stack as Stack).jobs;
    (stack as Stack).webexMove.setConfig({ pollsToComplete: 1_000_000 });
    const handle = (stack as Stack).client.workflow.getHandle(
      await jobs.start(
        { operation: 'webex.moveUsers', input: { users: moveUsers(3, 'loc-B') } },
        { idempotencyKey: jobId('web-ui-live'), requestedBy: 'ops-console', tuning: { pollIntervalMs: 20 } },
      ),
    );
    // What the Web UI reads: the built-in metadata query.
    const currentDetails = async () =>
      (await handle.query<{ currentDetails: string }>('__temporal_workflow_metadata')).currentDetails;
    await waitFor('running details', async () => /1 started of 1 batches, 1 running/.test(await currentDetails()));
    expect(await currentDetails()).toMatch(/^\*\*State:\*\* running\n\n\*\*Items:\*\* .*\(of 3\)/);

    await jobs.cancel(handle.workflowId, 'ops-console');
    expect((await jobs.result(handle.workflowId)).state).toBe('cancelled');
    expect(await currentDetails()).toMatch(/^\*\*State:\*\* cancelled \(finished\)/);
  });
});
