/**
 * The codec server process (src/codec-server.ts): from the configuration to the codecs it serves, and a clean stop.
 * The server itself (protocol, CORS, token) is tested in test/unit/codec/codec-server.test.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ENCRYPTED_ENCODING, keyFileText } from '../../src/codec';
import { masterKeys } from './codec/keys';

const ROOT = resolve(__dirname, '..', '..');
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const TOKEN = 'codec-process-token-0123456789';

describe('codec server process', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'codec-server-process-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('encrypts with the configured keys for a caller with the token, and exits 0 on SIGTERM', async () => {
    const keyFile = join(dir, 'master-keys.json');
    writeFileSync(keyFile, keyFileText(masterKeys('k1')), { mode: 0o600 });
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/codec-server.ts'], {
      cwd: ROOT,
      // Only what the test sets: no BULKFLOW_* variable of the machine reaches the process.
      env: {
        PATH: process.env['PATH'],
        BULKFLOW_CODEC_PORT: '0',
        BULKFLOW_ENCRYPTION_KEY_FILE: keyFile,
        BULKFLOW_TENANT_KEY_DIR: join(dir, 'tenant-keys'),
        BULKFLOW_CODEC_TOKEN: TOKEN,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const url = await new Promise<string>((done, fail) => {
      child.once('exit', () => fail(new Error('codec server exited before listening')));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'codec server listening' && entry.url) done(entry.url);
      });
    });
    const plain = { metadata: { encoding: b64('json/plain') }, data: b64('"hello"') };
    const response = await fetch(`${url}/encode`, {
      method: 'POST',
      headers: { 'x-namespace': 'default', 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ payloads: [plain] }),
    });
    const { payloads } = (await response.json()) as { payloads: { metadata: Record<string, string> }[] };
    child.kill('SIGTERM');
    expect([response.status, payloads[0]?.metadata['encoding'], await exited]).toEqual([
      200,
      b64(ENCRYPTED_ENCODING),
      0,
    ]);
  }, 30_000);
});
