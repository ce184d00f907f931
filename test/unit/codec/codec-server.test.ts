/**
 * The codec server via inject(): Temporal's codec-server protocol on /encode and /decode, the X-Namespace header,
 * CORS for the configured Web UI origins only (preflight included), the bearer token, what may be done without it
 * (only decoding, only for the Web UI's pages), and the bounds of /encode (1 MiB, never a blob).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import type { PayloadCodec, SerializationContext } from '@temporalio/common';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ENCRYPTED_ENCODING } from '../../../src/codec';
import { codecServerCodecs } from '../../../src/data-converter';
import { fileModesOf } from '../../../src/fs/shared-files';
import { eraseScope } from '../../../src/codec/key-admin';
import { bearerMatches, buildCodecApp, ENCODE_BODY_LIMIT_BYTES } from '../../../src/codec/server/app';
import type { CodecAppDeps } from '../../../src/codec/server/app';
import { startCodecServer } from '../../../src/codec/server/server';
import { createLogger } from '../../../src/logger';
import { payloadToJson } from '../../../src/codec/server/protocol';
import { jobIdFor, tenantTag } from '../../../src/job-id';
import { masterKeys } from './keys';

const UI = 'http://127.0.0.1:8233';
const TOKEN = 'codec-token-0123456789abcdef';
const NS = { 'x-namespace': 'default', 'content-type': 'application/json' };
/** The protocol headers of a caller with the token (the CLI, a proxy in front of the UI). */
const AUTHED = { ...NS, authorization: `Bearer ${TOKEN}` };
const context: SerializationContext = { type: 'workflow', namespace: 'default', workflowId: jobIdFor('acme', 'ops') };
const value = { users: [{ email: 'carol@example.test' }] };
const b64 = (text: string): string => Buffer.from(text).toString('base64');

interface JsonPayload {
  readonly metadata: Record<string, string>;
  readonly data: string;
}
const payloadsOf = (response: LightMyRequestResponse): JsonPayload[] =>
  response.json<{ payloads: JsonPayload[] }>().payloads;

describe('codec server', () => {
  let dir: string;
  let codecs: PayloadCodec[];
  let encodeCodecs: PayloadCodec[];
  let app: FastifyInstance;

  /** A codec app on the test's codecs for the UI origin, with `access` (the token, tokenless UI decoding). */
  const build = (access: Partial<Pick<CodecAppDeps, 'token' | 'uiDecodesWithoutToken'>> = {}): FastifyInstance =>
    buildCodecApp({ codecs, encodeCodecs, namespace: 'default', uiOrigins: [UI], ...access });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'codec-server-'));
    const served = codecServerCodecs({
      encryption: { masterKeys: masterKeys('k1'), tenantKeyDir: join(dir, 'keys'), fileMode: 'private' },
      claimCheck: { dir: join(dir, 'blobs'), thresholdBytes: 1_024 },
    });
    codecs = served.decode;
    encodeCodecs = served.encode;
    app = build({ token: TOKEN });
  });

  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** `value` as a worker stores it: through every codec, in order. */
  async function stored(v: unknown): Promise<JsonPayload> {
    let payloads = [defaultPayloadConverter.toPayload(v)];
    for (const codec of codecs) payloads = await codec.encode(payloads, context);
    return payloadToJson(payloads[0] ?? {});
  }

  const post = (url: string, payloads: unknown[], headers: Record<string, string> = AUTHED) =>
    app.inject({ method: 'POST', url, headers, payload: { payloads } });

  it('decodes what the workers stored (encrypted, claim-checked) into the original payload', async () => {
    const big = { users: Array.from({ length: 100 }, (_, i) => ({ email: `${i}@example.test` })) };
    const response = await post('/decode', [await stored(value), await stored(big)]);
    expect(response.statusCode).toBe(200);
    const [small, large] = payloadsOf(response);
    expect(small).toEqual({ metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify(value)) });
    expect(JSON.parse(Buffer.from(large?.data ?? '', 'base64').toString())).toEqual(big);
  });

  it('encodes payloads the way a worker does, and decodes them back', async () => {
    const plain = { metadata: { encoding: b64('json/plain') }, data: b64('"hello"') };
    const encoded = payloadsOf(await post('/encode', [plain]));
    expect(encoded[0]?.metadata['encoding']).toBe(b64(ENCRYPTED_ENCODING));
    expect(payloadsOf(await post('/decode', encoded))).toEqual([plain]);
  });

  it('answers a payload that does not decode (an erased tenant) as it is', async () => {
    const payload = await stored(value);
    await eraseScope(join(dir, 'keys'), tenantTag('acme'), fileModesOf('private'));
    expect(payloadsOf(await post('/decode', [payload]))).toEqual([payload]);
  });

  it('requires the X-Namespace header, and serves only its own namespace', async () => {
    const missing = await post('/decode', [], { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` });
    expect([missing.statusCode, missing.json()]).toEqual([400, { message: 'the X-Namespace header is required' }]);
    const other = await post('/decode', [], { ...AUTHED, 'x-namespace': 'billing' });
    expect(other.statusCode).toBe(403);
  });

  it('refuses a body that is not a list of payloads in base64', async () => {
    expect((await post('/decode', [{ data: 'not base64!' }])).statusCode).toBe(400);
    const response = await app.inject({ method: 'POST', url: '/decode', headers: AUTHED, payload: { payload: [] } });
    expect(response.statusCode).toBe(400);
  });

  it('answers the preflight of the Web UI origin with its CORS headers, and no other origin', async () => {
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/decode',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-namespace' },
      });
    const ui = await preflight(UI);
    expect(ui.statusCode).toBe(204);
    expect(ui.headers).toMatchObject({
      'access-control-allow-origin': UI,
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'Content-Type, X-Namespace, Authorization',
      'access-control-allow-credentials': 'true',
    });
    const evil = await preflight('https://evil.example');
    expect(evil.statusCode).toBe(403);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows the UI origin to read its answers, and refuses a call from any other origin before decoding', async () => {
    const payload = await stored(value);
    const ui = await post('/decode', [payload], { ...AUTHED, origin: UI });
    expect([ui.statusCode, ui.headers['access-control-allow-origin']]).toEqual([200, UI]);
    const evil = await post('/decode', [payload], { ...AUTHED, origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    expect(evil.body).not.toContain(b64(JSON.stringify(value)));
  });

  it('with a token, refuses calls without it (the UI origin too) or with another one, and serves those with it', async () => {
    const payload = await stored(value);
    expect((await post('/decode', [payload], NS)).statusCode).toBe(401);
    expect((await post('/decode', [payload], { ...NS, origin: UI })).statusCode).toBe(401);
    expect((await post('/decode', [payload], { ...NS, authorization: `Bearer ${TOKEN}x` })).statusCode).toBe(401);
    const ok = await post('/decode', [payload], AUTHED);
    expect(payloadsOf(ok)[0]?.data).toBe(b64(JSON.stringify(value)));
  });

  it('without a token configured, only decodes, and only for the Web UI origin', async () => {
    await app.close();
    app = build();
    const payload = await stored(value);
    const plain = { metadata: { encoding: b64('json/plain') }, data: b64('"hello"') };
    const ui = await post('/decode', [payload], { ...NS, origin: UI });
    expect(payloadsOf(ui)[0]?.data).toBe(b64(JSON.stringify(value)));
    const local = await post('/decode', [payload], NS);
    expect([local.statusCode, local.body]).toEqual([401, expect.not.stringContaining(b64(JSON.stringify(value)))]);
    expect((await post('/encode', [plain], { ...NS, origin: UI })).statusCode).toBe(401);
    expect((await post('/encode', [plain], NS)).statusCode).toBe(401);
  });

  it("on the embedded stack, the UI's pages decode without the token, and everything else needs it", async () => {
    await app.close();
    app = build({ token: TOKEN, uiDecodesWithoutToken: true });
    const payload = await stored(value);
    const plain = { metadata: { encoding: b64('json/plain') }, data: b64('"hello"') };
    expect((await post('/decode', [payload], { ...NS, origin: UI })).statusCode).toBe(200);
    expect((await post('/decode', [payload], NS)).statusCode).toBe(401);
    expect((await post('/encode', [plain], { ...NS, origin: UI })).statusCode).toBe(401);
    expect((await post('/encode', [plain], AUTHED)).statusCode).toBe(200);
    expect((await post('/decode', [payload], AUTHED)).statusCode).toBe(200);
  });

  it('encodes without ever writing a blob, however large the payload, and reads it back', async () => {
    const large = { metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify('x'.repeat(200_000))) };
    const encoded = payloadsOf(await post('/encode', [large]));
    expect(encoded[0]?.metadata['encoding']).toBe(b64(ENCRYPTED_ENCODING));
    expect(existsSync(join(dir, 'blobs')) ? readdirSync(join(dir, 'blobs')) : []).toEqual([]);
    expect(payloadsOf(await post('/decode', encoded))).toEqual([large]);
  });

  it('refuses an /encode body over 1 MiB with 413, before encoding anything', async () => {
    const data = 'A'.repeat(ENCODE_BODY_LIMIT_BYTES);
    const response = await post('/encode', [{ metadata: { encoding: b64('json/plain') }, data }]);
    expect(response.statusCode).toBe(413);
  });

  it('compares bearer tokens exactly', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    for (const header of [undefined, TOKEN, `bearer ${TOKEN}`, `Bearer ${TOKEN.slice(1)}`, 'Bearer ']) {
      expect(bearerMatches(header, TOKEN)).toBe(false);
    }
  });

  it('refuses to listen beyond loopback without a token, naming BULKFLOW_CODEC_TOKEN', async () => {
    const settings = { host: '0.0.0.0', port: 0, uiOrigins: [UI] };
    const served = { decode: codecs, encode: encodeCodecs };
    const started = startCodecServer({ settings, namespace: 'default', codecs: served, log: createLogger('silent') });
    await expect(started).rejects.toMatchObject({ name: 'ConfigError', source: 'BULKFLOW_CODEC_TOKEN' });
  });
});
