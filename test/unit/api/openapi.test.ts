/** The OpenAPI document: generated from the zod schemas, one start variant per supported operation. */
import { buildOpenApiDocument } from '../../../src/api/openapi';
import { supportedOperations } from '../../../src/providers/registry';
import { body, testApp } from './helpers';

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument('1.0.0') as {
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
});
