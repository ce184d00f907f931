/**
 * The OpenAPI 3.1 document of the API, generated from the same zod schemas that validate requests (zod's own
 * `z.toJSONSchema`, JSON Schema 2020-12 as OpenAPI 3.1 uses). The start body is a `oneOf` over the supported
 * operations, each with that operation's own input schema from the provider registry.
 */
import { z } from 'zod';
import { StartJobBodySchema } from '../client';
import { getOperation, supportedOperations } from '../providers/registry';
import { AuditTimelineSchema } from '../audit';
import { AuditQuerySchema, CONTROL_ACTIONS, ListQuerySchema, ItemsQuerySchema } from './schemas';
import * as S from './schemas';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json): Json => ({ 'application/json': { schema } });
const problem = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const ok = (description: string, name: string, headers?: Json): Json => ({
  description,
  content: json(ref(name)),
  ...(headers ? { headers } : {}),
});

function queryParameters(schema: z.ZodType): Json[] {
  const properties = (jsonSchema(schema, 'input')['properties'] ?? {}) as Record<string, Json>;
  return Object.entries(properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}

function startVariants(): { schemas: Record<string, Json>; mapping: Record<string, string> } {
  const schemas: Record<string, Json> = {};
  const mapping: Record<string, string> = {};
  for (const id of supportedOperations()) {
    const variant = StartJobBodySchema.extend({ operation: z.literal(id), input: getOperation(id).inputSchema });
    const name = `StartJobRequest.${id}`;
    schemas[name] = jsonSchema(variant, 'input');
    mapping[id] = `#/components/schemas/${name}`;
  }
  return { schemas, mapping };
}

const ID_PARAM = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const AUTH_FAILURES = { '401': problem('No or unknown API key'), '403': problem('No rights for the tenant') };

function controlPaths(): Json {
  return Object.fromEntries(
    CONTROL_ACTIONS.map((action) => [
      `/v1/jobs/{id}/${action}`,
      {
        post: {
          summary: `${action[0]?.toUpperCase() ?? ''}${action.slice(1)} a running job`,
          parameters: [ID_PARAM],
          responses: {
            '202': ok('Signal sent', 'ControlAccepted'),
            ...AUTH_FAILURES,
            '404': problem('No such job'),
            '409': problem('The job has already finished'),
          },
        },
      },
    ]),
  );
}

const START_OPERATION: Json = {
  summary: 'Start a bulk job',
  parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }],
  requestBody: { required: true, content: json(ref('StartJobRequest')) },
  responses: {
    '202': ok('Accepted; poll the Location', 'StartedJob', {
      Location: { schema: { type: 'string' } },
      'Retry-After': { schema: { type: 'integer' }, description: 'Seconds before polling is useful' },
    }),
    '400': problem('Invalid request; `errors` names each field'),
    ...AUTH_FAILURES,
    '403': problem('No rights for the tenant, or the connection does not serve it (`errors` names `connection`)'),
    '409': problem('Idempotency key already used for a different request'),
  },
};

function jobPaths(): Json {
  return {
    '/v1/jobs': {
      post: START_OPERATION,
      get: {
        summary: 'List jobs (newest first)',
        parameters: queryParameters(ListQuerySchema),
        responses: { '200': ok('One page of jobs', 'JobList'), '400': problem('Invalid filter'), ...AUTH_FAILURES },
      },
    },
    '/v1/jobs/{id}': {
      get: {
        summary: 'State, counts and provider jobs of a job',
        parameters: [ID_PARAM],
        responses: { '200': ok('The job', 'JobView'), ...AUTH_FAILURES, '404': problem('No such job') },
      },
    },
    '/v1/jobs/{id}/items': {
      get: {
        summary: 'Per-item outcomes, one page at a time',
        parameters: [ID_PARAM, ...queryParameters(ItemsQuerySchema)],
        responses: { '200': ok('One page of items', 'ItemsPage'), ...AUTH_FAILURES, '404': problem('No such job') },
      },
    },
    '/v1/jobs/{id}/audit': {
      get: {
        summary: 'The job explained from its workflow history (every run): JSON, NDJSON or text',
        parameters: [ID_PARAM, ...queryParameters(AuditQuerySchema)],
        responses: {
          '200': {
            description: 'The audit timeline (`format=json`); `ndjson` and `text` render the same timeline',
            content: {
              ...json(ref('AuditTimeline')),
              'application/x-ndjson': { schema: { type: 'string' } },
              'text/plain': { schema: { type: 'string' } },
            },
          },
          '400': problem('Invalid format'),
          ...AUTH_FAILURES,
          '404': problem('No such job'),
        },
      },
    },
    ...controlPaths(),
  };
}

function healthPaths(): Json {
  const open = (summary: string, responses: Json): Json => ({ get: { summary, security: [], responses } });
  return {
    '/healthz': open('Liveness', { '200': ok('The process is up', 'Health') }),
    '/readyz': open('Readiness: Temporal answers', {
      '200': ok('Ready', 'Health'),
      '503': problem('Temporal does not answer'),
    }),
    '/openapi.json': open('This document', { '200': { description: 'OpenAPI 3.1 document' } }),
  };
}

/** Builds the document (once per app). */
export function buildOpenApiDocument(version: string): Json {
  const variants = startVariants();
  const responses = {
    Problem: S.ProblemSchema,
    StartedJob: S.StartedJobSchema,
    JobInfo: S.JobInfoSchema,
    JobView: S.JobViewSchema,
    JobList: S.JobListSchema,
    ItemsPage: S.ItemsPageSchema,
    ControlAccepted: S.ControlAcceptedSchema,
    AuditTimeline: AuditTimelineSchema,
    Health: S.HealthSchema,
  };
  const schemas: Record<string, Json> = {
    StartJobRequest: {
      oneOf: Object.values(variants.mapping).map(($ref) => ({ $ref })),
      discriminator: { propertyName: 'operation', mapping: variants.mapping },
    },
    ...variants.schemas,
    ...Object.fromEntries(Object.entries(responses).map(([name, s]) => [name, jsonSchema(s, 'output')])),
  };
  return {
    openapi: '3.1.0',
    info: { title: 'bulkflow', version, description: 'Durable bulk user-administration jobs at SaaS providers' },
    security: [{ bearer: [] }],
    paths: { ...jobPaths(), ...healthPaths() },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas },
  };
}
