/**
 * An app on a fake client with two keys: `ops` (every tenant) and `org1` (tenant org-1 only), callbacks to one
 * origin, and Webex connections: `default` serving every tenant, `conn-b` serving org-2 only, `shared` naming none.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sha256Hex } from '../../../src/api-keys-config';
import { buildApp } from '../../../src/api/app';
import type { AppDeps } from '../../../src/api/deps';
import { connectionsOf } from '../../../src/connections-config';
import { createFakeJobs } from './fake-jobs';
import type { FakeJobs } from './fake-jobs';

export const OPS_KEY = 'ops-key-0123456789abcdef';
export const ORG1_KEY = 'org1-key-0123456789abcdef';
/** The one origin the test app accepts callbacks to. */
export const CALLBACK_ORIGIN = 'https://hooks.example.test';

const WEBEX = 'https://webexapis.example.test';
export const TEST_CONNECTIONS = connectionsOf(
  {
    webex: {
      default: { baseUrl: WEBEX, tenants: '*' },
      'conn-b': { baseUrl: WEBEX, tenants: ['org-2'] },
      shared: { baseUrl: WEBEX },
    },
  },
  {},
);

export interface TestApp {
  readonly app: FastifyInstance;
  readonly jobs: FakeJobs;
}

export function testApp(tenants: Record<string, string> = {}, overrides: Partial<AppDeps> = {}): TestApp {
  const jobs = createFakeJobs(tenants);
  const app = buildApp({
    ...overrides,
    jobs,
    keys: [
      { caller: 'ops@example.test', keySha256: sha256Hex(OPS_KEY), tenants: '*' },
      { caller: 'org1-service', keySha256: sha256Hex(ORG1_KEY), tenants: ['org-1'] },
    ],
    connections: TEST_CONNECTIONS,
    callbacks: { origins: [CALLBACK_ORIGIN], allowedNetworks: [] },
  });
  return { app, jobs };
}

export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** The response body as JSON. */
export function body(response: LightMyRequestResponse): Record<string, unknown> {
  return response.json<Record<string, unknown>>();
}

export const moveRequest = (users: unknown[] = [{ userId: 'u1', locationId: 'l1' }], extra = {}) => ({
  operation: 'webex.moveUsers',
  input: { orgId: 'org-1', users },
  ...extra,
});
