/**
 * Every door's id, key, tenant and requester rules, end to end through the API (inject) and the typed client: a lone
 * UTF-16 surrogate (which storage would turn into U+FFFD, so two strings share one tenant tag) and a requester with
 * control, bidi or quote characters are refused with an error naming the field.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { ProblemSchema } from '../../../src/api/schemas';
import { BulkJobClient } from '../../../src/client';
import { loadConfig } from '../../../src/config';
import { hasErrorName } from '../../../src/domain/errors';
import { bearer, OPS_KEY, testApp } from './helpers';

/** JSON text with `\udfff` written as an escape, as a client sends it (JSON.parse makes it a lone surrogate). */
const LONE = '\\udfff';
const user = '{"userId":"u1","locationId":"l1"}';

async function refusedFields(json: string): Promise<string[]> {
  const { app, jobs } = testApp();
  const response = await app.inject({
    method: 'POST',
    url: '/v1/jobs',
    headers: { ...bearer(OPS_KEY), 'content-type': 'application/json' },
    payload: json,
  });
  expect([response.statusCode, jobs.started]).toEqual([400, []]);
  return ProblemSchema.parse(response.json()).errors?.map((e) => e.field) ?? [];
}

/** The fields of the RequestValidationError that `run` rejects with. */
async function rejectedFields(run: () => Promise<unknown>): Promise<string[]> {
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!hasErrorName(err, 'RequestValidationError'))
    throw new Error(`expected a RequestValidationError: ${String(err)}`);
  return (err as unknown as { issues: { field: string }[] }).issues.map((i) => i.field);
}

describe('lone surrogates', () => {
  it.each([
    [
      'the Webex orgId',
      `{"operation":"webex.moveUsers","input":{"orgId":"org${LONE}A","users":[${user}]}}`,
      'input.orgId',
    ],
    [
      'a user id',
      `{"operation":"webex.moveUsers","input":{"users":[{"userId":"u${LONE}","locationId":"l1"}]}}`,
      'input.users[0].userId',
    ],
    [
      'the declared tenant',
      `{"operation":"webex.moveUsers","tenant":"org${LONE}A","input":{"users":[${user}]}}`,
      'tenant',
    ],
  ])('refuses %s holding one, naming the field', async (_name, json, field) => {
    expect(await refusedFields(json)).toEqual([field]);
  });

  it('keeps a well-formed pair (an emoji) where free text is allowed', async () => {
    const { app } = testApp();
    const json = `{"operation":"fullstory.importUsers","input":{"users":[{"uid":"u1","display_name":"Ann \\ud83d\\ude00"}]}}`;
    const response = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: { ...bearer(OPS_KEY), 'content-type': 'application/json' },
      payload: json,
    });
    expect(response.statusCode).toBe(202);
  });

  it('refuses a tenant of an API key holding one, naming the variable of the config file', () => {
    const keys = { api: { keys: [{ caller: 'ops', key: 'k'.repeat(20), tenants: ['org\udfffA'] }] } };
    expect(() => loadConfig({ BULKFLOW_CONFIG: writeConfig(keys) })).toThrow(/api\.keys\[0\]\.tenants\[0\]/);
  });
});

describe('requestedBy', () => {
  const client = new BulkJobClient({} as Client, 'bulkflow');
  const request = {
    operation: 'webex.moveUsers',
    input: { orgId: 'org-1', users: [{ userId: 'u1', locationId: 'l1' }] },
  };

  it.each([
    ['an ESC sequence', 'ops\u001b[31m'],
    ['a right-to-left override', 'ops\u202egpj.exe'],
    ['a quote', "ops' OR '1'='1"],
    ['a zero-width joiner', 'o\u200dps'],
    ['a lone surrogate', 'ops\udfff'],
    ['nothing', ''],
    ['201 characters', 'o'.repeat(201)],
  ])('is refused at start and at every control when it holds %s, naming requestedBy', async (_name, who) => {
    expect(await rejectedFields(() => client.start(request, { requestedBy: who }))).toEqual(['requestedBy']);
    for (const action of ['cancel', 'pause', 'resume'] as const) {
      expect(await rejectedFields(() => client[action]('job-1', who))).toEqual(['requestedBy']);
    }
  });

  it('is refused as a listing filter of the API, naming requestedBy', async () => {
    const { app, jobs } = testApp();
    const response = await app.inject({
      method: 'GET',
      url: `/v1/jobs?requestedBy=${encodeURIComponent('ops\u202e')}`,
      headers: bearer(OPS_KEY),
    });
    expect([response.statusCode, jobs.listed]).toEqual([400, []]);
    expect(ProblemSchema.parse(response.json()).errors?.map((e) => e.field)).toEqual(['query.requestedBy']);
  });

  it('is refused as the caller of an API key, naming the setting', () => {
    expect(() => loadConfig({ BULKFLOW_API_CALLER: 'ops\u001b]0;x\u0007' })).toThrow(/BULKFLOW_API_CALLER/);
    const keys = { api: { keys: [{ caller: 'svc\u202e', key: 'k'.repeat(20), tenants: '*' }] } };
    expect(() => loadConfig({ BULKFLOW_CONFIG: writeConfig(keys) })).toThrow(/api\.keys\[0\]\.caller/);
  });

  it('accepts a person, a service and an address', async () => {
    for (const who of ['Zoë Müller', 'svc-billing', 'ops@example.test', '山田 太郎']) {
      await expect(client.cancel('job-1', who)).rejects.not.toMatchObject({ name: 'RequestValidationError' });
    }
  });
});

/** Writes `content` as a config file in a fresh temporary directory and returns its path. */
function writeConfig(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'id-rules-'));
  const path = join(dir, 'bulkflow.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}
