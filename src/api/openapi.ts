/**
 * The OpenAPI 3.1 document of the API, generated from the same zod schemas that validate requests (zod's own
 * `z.toJSONSchema`, JSON Schema 2020-12 as OpenAPI 3.1 uses). It says what the server does: each operation lists
 * every status it can answer (problems: openapi-problems.ts), and the requests it accepts (openapi-request.ts). The
 * start body is a `oneOf` over the supported operations, each with that operation's own input schema. A method a
 * path does not list answers 405 with `Allow` (method-not-allowed.ts).
 */
import { AuditTimelineSchema } from '../audit';
import { NO_CALLBACKS } from '../http/callback-policy';
import type { CallbackPolicy } from '../http/callback-policy';
import { JOB_READ_PROBLEMS, JOB_UNREADABLE_AUDIT, problems } from './openapi-problems';
import {
  ID_PARAMETER,
  IDEMPOTENCY_KEY_HEADER,
  jsonSchema,
  queryParameters,
  START_BODY_RULES,
  startVariants,
} from './openapi-request';
import { CSV_BODY_SCHEMA, CSV_START_PARAMETERS, START_DESCRIPTION, START_TOO_LARGE } from './openapi-csv';
import { CSV_MEDIA_TYPE } from './csv-start';
import { AuditQuerySchema, CONTROL_ACTIONS, ListQuerySchema, ItemsQuerySchema } from './schemas';
import * as S from './schemas';

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json): Json => ({ 'application/json': { schema } });
const ok = (description: string, name: string, headers?: Json): Json => ({
  description,
  content: json(ref(name)),
  ...(headers ? { headers } : {}),
});
const RETRY_AFTER = { schema: { type: 'integer', minimum: 1 }, description: 'Seconds before polling is useful' };

function controlPaths(): Json {
  return Object.fromEntries(
    CONTROL_ACTIONS.map((action) => [
      `/v1/jobs/{id}/${action}`,
      {
        post: {
          summary: `${action[0]?.toUpperCase() ?? ''}${action.slice(1)} a running job`,
          parameters: [ID_PARAMETER],
          responses: {
            '202': ok('Signal sent', 'ControlAccepted'),
            ...problems([...JOB_READ_PROBLEMS, 409], { 409: 'The job has already finished' }),
          },
        },
      },
    ]),
  );
}

const START_OPERATION: Json = {
  summary: 'Start a bulk job',
  description: START_DESCRIPTION,
  parameters: [IDEMPOTENCY_KEY_HEADER, ...CSV_START_PARAMETERS],
  requestBody: {
    required: true,
    content: { ...json(ref('StartJobRequest')), [CSV_MEDIA_TYPE]: { schema: CSV_BODY_SCHEMA } },
  },
  responses: {
    '202': ok('Accepted; poll the Location', 'StartedJob', {
      Location: { schema: { type: 'string' }, description: 'The job, `/v1/jobs/{id}`' },
      'Retry-After': RETRY_AFTER,
    }),
    ...problems([400, 401, 403, 409, 410, 413, 415, 503], {
      413: START_TOO_LARGE,
      415: 'The body is neither `application/json` nor `text/csv`',
      503:
        'Temporal does not answer, or this API is reading as many `text/csv` starts as it takes at once ' +
        '(`code: CsvStartsBusyError`, with `Retry-After`); try again later',
      403: 'This API key has no rights for the tenant the job acts on, `tenant` is not that tenant, or the connection does not serve it (`errors` names `connection`)',
      409: 'Idempotency key already used for a different request',
      410: "The job the Idempotency-Key names was erased with its tenant's key",
    }),
  },
};

function jobPaths(): Json {
  return {
    '/v1/jobs': {
      post: START_OPERATION,
      get: {
        summary: 'List jobs (newest first)',
        parameters: queryParameters(ListQuerySchema),
        responses: {
          '200': ok('One page of jobs', 'JobList'),
          ...problems([400, 401, 403, 410, 503], { 400: 'Invalid filter or cursor; `errors` names each field' }),
        },
      },
    },
    '/v1/jobs/{id}': {
      get: {
        summary: 'State, counts and provider jobs of a job',
        parameters: [ID_PARAMETER],
        responses: {
          '200': ok('The job', 'JobView', { 'Retry-After': { ...RETRY_AFTER, description: 'While the job runs' } }),
          ...problems(JOB_READ_PROBLEMS),
        },
      },
    },
    '/v1/jobs/{id}/items': {
      get: {
        summary: 'Per-item outcomes, one page at a time',
        parameters: [ID_PARAMETER, ...queryParameters(ItemsQuerySchema)],
        responses: { '200': ok('One page of items', 'ItemsPage'), ...problems(JOB_READ_PROBLEMS) },
      },
    },
    '/v1/jobs/{id}/audit': {
      get: {
        summary: 'The job explained from its workflow history (every run): JSON, NDJSON or text',
        parameters: [ID_PARAMETER, ...queryParameters(AuditQuerySchema)],
        responses: {
          '200': {
            description: 'The audit timeline (`format=json`); `ndjson` and `text` render the same timeline',
            content: {
              ...json(ref('AuditTimeline')),
              'application/x-ndjson': { schema: { type: 'string' } },
              'text/plain': { schema: { type: 'string' } },
            },
          },
          ...problems(JOB_READ_PROBLEMS, { 422: JOB_UNREADABLE_AUDIT }),
        },
      },
    },
    ...controlPaths(),
  };
}

function healthPaths(): Json {
  const open = (summary: string, responses: Json): Json => ({ get: { summary, security: [], responses } });
  return {
    '/healthz': open('Liveness', { '200': ok('The process is up', 'Health'), ...problems([]) }),
    '/readyz': open('Readiness: Temporal answers', { '200': ok('Ready', 'Health'), ...problems([503]) }),
    '/openapi.json': open('This document', {
      '200': { description: 'OpenAPI 3.1 document', content: json({ type: 'object' }) },
      ...problems([]),
    }),
  };
}

function componentSchemas(callbacks: CallbackPolicy): Record<string, Json> {
  const variants = startVariants(callbacks);
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
  return {
    StartJobRequest: {
      description: START_BODY_RULES,
      oneOf: Object.values(variants.mapping).map(($ref) => ({ $ref })),
      discriminator: { propertyName: 'operation', mapping: variants.mapping },
    },
    ...variants.schemas,
    ...Object.fromEntries(Object.entries(responses).map(([name, s]) => [name, jsonSchema(s, 'output')])),
  };
}

/** Builds the document (once per app) for a server whose completion callbacks follow `callbacks`. */
export function buildOpenApiDocument(version: string, callbacks: CallbackPolicy = NO_CALLBACKS): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'bulkflow',
      version,
      description:
        'Durable bulk user-administration jobs at SaaS providers. A method a path does not list answers ' +
        '405 with `Allow`; HEAD is served wherever GET is.',
    },
    security: [{ bearer: [] }],
    paths: { ...jobPaths(), ...healthPaths() },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: componentSchemas(callbacks),
    },
  };
}
