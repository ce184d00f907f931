/**
 * The request side of the OpenAPI document: parameters and start bodies, with every constraint the server enforces
 * that JSON Schema can state, and a description of those it cannot (a cursor is only ever one the server handed out).
 * Callback origins and dry-run support differ per deployment and per operation, so the document states them as they
 * are here: a start body without a usable callback origin has no `callbackUrl`, and `dryRun` is `false` for an
 * operation that has no dry-run mode.
 */
import { z } from 'zod';
import { IdempotencyKeySchema, StartJobBodySchema } from '../client';
import { callbackRefusal } from '../http/callback-policy';
import type { CallbackPolicy } from '../http/callback-policy';
import { getOperation, supportedOperations } from '../providers/registry';
import { JobIdParamsSchema } from './schemas';

type Json = Record<string, unknown>;

/** zod's JSON Schema (2020-12, as OpenAPI 3.1 uses) of `schema`, without `$schema`. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

/** What a query parameter's schema cannot say. */
const QUERY_NOTES: Readonly<Record<string, string>> = {
  cursor:
    'Opaque. Pass back only the `nextCursor` this API returned for the previous page of the same listing, ' +
    'with the same filter; any other value is refused with 400 naming `cursor`.',
};

/** The query parameters of a zod object schema, none required. */
export function queryParameters(schema: z.ZodType): Json[] {
  const properties = (jsonSchema(schema, 'input')['properties'] ?? {}) as Record<string, Json>;
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: false,
    schema: s,
    ...(QUERY_NOTES[name] ? { description: QUERY_NOTES[name] } : {}),
  }));
}

export const ID_PARAMETER: Json = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The job id, as `POST /v1/jobs` answered it',
  schema: jsonSchema(JobIdParamsSchema.shape.id, 'input'),
};

export const IDEMPOTENCY_KEY_HEADER: Json = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'The same key and body again answer the same job; the same key with another body answers 409',
  schema: jsonSchema(IdempotencyKeySchema, 'input'),
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The `callbackUrl` schema under `policy`: a URL at one of its origins that the API accepts (an origin the policy
 * itself refuses, such as a loopback one without an allowed network, is left out). `undefined` when none is.
 */
export function callbackUrlSchema(policy: CallbackPolicy): Json | undefined {
  const origins = policy.origins.filter((origin) => callbackRefusal(`${origin}/`, policy) === undefined);
  if (origins.length === 0) return undefined;
  return {
    type: 'string',
    maxLength: 2_000,
    pattern: `^(?:${origins.map(escapeRegExp).join('|')})(?:[/?#].*)?$`,
    description:
      'Where the result is POSTed when the job finishes: a URL at an origin this deployment allows ' +
      '(BULKFLOW_CALLBACK_ORIGINS). The worker checks the address again on every connection.',
  };
}

/** The start body of `id` under `policy`. */
function startVariant(id: string, policy: CallbackPolicy): Json {
  const operation = getOperation(id);
  const schema = jsonSchema(
    StartJobBodySchema.extend({ operation: z.literal(id), input: operation.inputSchema }),
    'input',
  );
  const { callbackUrl: _shape, ...properties } = schema['properties'] as Record<string, Json>;
  const callbackUrl = callbackUrlSchema(policy);
  if (callbackUrl) properties['callbackUrl'] = callbackUrl;
  if (!operation.capabilities.dryRun) {
    properties['dryRun'] = { type: 'boolean', const: false, default: false, description: `${id} has no dry run` };
  }
  return { ...schema, properties };
}

/** What the server checks in a start body that JSON Schema cannot state; each is refused with 400 naming the field. */
export const START_BODY_RULES =
  'Beyond this schema the server refuses, with 400 naming the field: the same id twice in one list (a Webex ' +
  '`userId`, a FullStory `uid`, a Zoho record `id`, an Oracle `loginId` in any letter case); an Oracle job that ' +
  'lists no user; control, bidirectional or zero-width characters in ids and in `tenant`; a blank FullStory `uid`; ' +
  "FullStory properties that break FullStory's naming rules, and a `schema` over 64 KiB; an input nested too deep " +
  'or naming `__proto__`.';

/** One start body per supported operation, and the `discriminator` mapping of them. */
export function startVariants(policy: CallbackPolicy): {
  schemas: Record<string, Json>;
  mapping: Record<string, string>;
} {
  const schemas: Record<string, Json> = {};
  const mapping: Record<string, string> = {};
  for (const id of supportedOperations()) {
    const name = `StartJobRequest.${id}`;
    schemas[name] = startVariant(id, policy);
    mapping[id] = `#/components/schemas/${name}`;
  }
  return { schemas, mapping };
}
