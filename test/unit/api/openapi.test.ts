/** The OpenAPI document: generated from the zod schemas, one start variant per supported operation. */
import { buildOpenApiDocument } from '../../../src/api/openapi';
import { callbackUrlSchema } from '../../../src/api/openapi-request';
import { callbackRefusal } from '../../../src/http/callback-policy';
import type { CallbackPolicy } from '../../../src/http/callback-policy';
import { getOperation, supportedOperations } from '../../../src/providers/registry';
import { CALLBACK_ORIGIN, body, testApp } from './helpers';

type Schema = { properties?: Record<string, Schema>; [key: string]: unknown };

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument('1.0.0', { origins: [CALLBACK_ORIGIN], allowedNetworks: [] }) as {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
    components: {
      schemas: Record<string, { oneOf?: unknown[]; properties?: Record<string, { properties?: object }> }>;
    };
  };

  it('is OpenAPI 3.1 with every route of the API', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/healthz',
        '/openapi.json',
        '/readyz',
        '/v1/jobs',
        '/v1/jobs/{id}',
        '/v1/jobs/{id}/audit',
        '/v1/jobs/{id}/cancel',
        '/v1/jobs/{id}/items',
        '/v1/jobs/{id}/pause',
        '/v1/jobs/{id}/resume',
      ].sort(),
    );
    expect(Object.keys(doc.paths['/v1/jobs'] ?? {}).sort()).toEqual(['get', 'post']);
  });

  it("offers one start body per supported operation, with that operation's input schema", () => {
    const start = doc.components.schemas['StartJobRequest'];
    expect(start?.oneOf).toHaveLength(supportedOperations().length);
    const webex = doc.components.schemas['StartJobRequest.webex.moveUsers'];
    expect(webex?.properties?.['input']?.properties).toHaveProperty('users');
    expect(webex?.properties).toHaveProperty('callbackUrl');
  });

  it('offers a text/csv start body beside JSON, with the query parameters the server reads, and the limits', () => {
    const start = doc.paths['/v1/jobs']?.['post'] as {
      description: string;
      parameters: Array<{ name: string; in: string; style?: string }>;
      requestBody: { content: Record<string, unknown> };
      responses: Record<string, { description: string }>;
    };
    expect(Object.keys(start.requestBody.content).sort()).toEqual(['application/json', 'text/csv']);
    const query = start.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    expect(query).toEqual(['operation', 'connection', 'tenant', 'dryRun', 'callbackUrl', 'itemsField', 'input']);
    expect(start.parameters.find((p) => p.name === 'input')?.style).toBe('deepObject');
    expect(start.description).toContain('2.0 MiB (2,097,152 bytes)');
    expect(start.description).toContain('32.0 MiB (33,554,432 bytes)');
    expect(start.responses['413']?.description).toContain('32.0 MiB (33,554,432 bytes) as `text/csv`');
  });

  it("documents a job view's warnings, one shape per kind", () => {
    const view = doc.components.schemas['JobView']?.properties?.['warnings'] as {
      items?: { oneOf?: Array<{ properties?: { kind?: { const?: string } } }> };
    };
    expect(view.items?.oneOf?.map((shape) => shape.properties?.kind?.const)).toEqual([
      'foreignRow',
      'countsDisagree',
      'countsExceedTotal',
    ]);
  });

  it('is what /openapi.json serves', async () => {
    const { app } = testApp();
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(body(response)).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('says which query parameters are opaque cursors', () => {
    const list = doc.paths['/v1/jobs']?.['get'] as { parameters: Array<{ name: string; description?: string }> };
    expect(list.parameters.find((p) => p.name === 'cursor')?.description).toMatch(/^Opaque\b.*nextCursor/);
  });

  it('gives dryRun: false to each operation that has no dry run', () => {
    for (const id of supportedOperations()) {
      const dryRun = (doc.components.schemas[`StartJobRequest.${id}`] as Schema).properties?.['dryRun'];
      if (getOperation(id).capabilities.dryRun) expect(dryRun).not.toHaveProperty('const');
      else expect(dryRun).toMatchObject({ const: false });
    }
  });
});

describe('callbackUrl in the OpenAPI document', () => {
  const policy: CallbackPolicy = {
    // The loopback origin is refused by the policy itself (no allowed network covers it), so it is left out.
    origins: ['https://hooks.example.test', 'https://h.example.test:8443', 'http://127.0.0.1:9999'],
    allowedNetworks: [],
  };
  const candidates = [
    'https://hooks.example.test',
    'https://hooks.example.test/done?job=1#x',
    'https://h.example.test:8443/cb',
    'https://h.example.test/cb',
    'https://hooks.example.test.evil.test/',
    'https://hooks.example.test@evil.test/',
    'https://hooksXexample.test/',
    'http://hooks.example.test/',
    'http://127.0.0.1:9999/',
  ];

  it('accepts exactly the URLs the server accepts', () => {
    const pattern = new RegExp(String(callbackUrlSchema(policy)?.['pattern']));
    const byPattern = candidates.filter((url) => pattern.test(url));
    const byServer = candidates.filter((url) => callbackRefusal(url, policy) === undefined);
    expect(byPattern).toEqual(byServer);
    expect(byServer).toHaveLength(3);
  });

  it('is left out where no callback origin is usable, since every callbackUrl is then refused', () => {
    const loopbackOnly = { origins: ['http://127.0.0.1:9999'], allowedNetworks: [] };
    expect(callbackUrlSchema(loopbackOnly)).toBeUndefined();
    const none = buildOpenApiDocument('1.0.0') as { components: { schemas: Record<string, Schema> } };
    const webex = none.components.schemas['StartJobRequest.webex.moveUsers'];
    expect(webex?.properties).not.toHaveProperty('callbackUrl');
    expect(webex?.['additionalProperties']).toBe(false);
  });
});
