/** What npm start writes on a terminal: a banner, warnings as readable lines, the rest of the log in a file. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { devLogger, renderBanner } from '../../../src/dev/terminal-output';

const BANNER = {
  ui: 'http://127.0.0.1:8233',
  api: 'http://127.0.0.1:8080',
  codec: 'http://127.0.0.1:8081',
  simulator: 'http://127.0.0.1:8787',
  temporal: { address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'bulkflow' },
  devApiKey: 'bulkflow-dev-api-key',
  descriptorFile: '/c/.data/simulated/stack.json',
  logFile: '/c/.data/simulated/bulkflow.log',
};

function collected(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

describe('the terminal output of npm start', () => {
  it('names the Web UI, API and codec URLs, the dev API key, the log file, and that the CLI needs no setting', () => {
    const banner = renderBanner(BANNER);
    for (const part of [BANNER.ui, BANNER.api, BANNER.codec, BANNER.devApiKey, BANNER.logFile, BANNER.descriptorFile]) {
      expect(banner).toContain(part);
    }
    expect(banner).toContain('The CLI finds this stack with nothing to set');
    expect(banner).toContain('npm run cli -- list');
    expect(banner.split('\n').length).toBeLessThan(20);
  });

  it('says the API keys are as configured when the dev key is off', () => {
    const { devApiKey: _, ...withoutKey } = BANNER;
    expect(renderBanner(withoutKey)).toContain('API key: as configured');
    expect(renderBanner(withoutKey)).not.toContain('bulkflow-dev-api-key');
  });

  it('on a terminal, keeps info in the log file and shows warnings as one readable line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-log-'));
    try {
      const stderr = new PassThrough();
      const shown = collected(stderr);
      const { log, logFile } = devLogger('info', true, join(dir, 'bulkflow.log'), stderr);
      log.info({ taskQueue: 'bulkflow' }, 'worker running');
      log.warn({ reason: 'x' }, 'the dev API key is off');
      expect(shown()).toBe('warning: the dev API key is off\n');
      const lines = readFileSync(logFile as string, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { msg: string });
      expect(lines.map((l) => l.msg)).toEqual(['worker running', 'the dev API key is off']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('elsewhere, logs JSON as before, with no log file', () => {
    expect(devLogger('info', false, '/nowhere/bulkflow.log', new PassThrough()).logFile).toBeUndefined();
  });
});
