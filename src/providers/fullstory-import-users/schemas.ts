/**
 * FullStory Server API v2 batch user import wire formats (docs/contracts.md#fullstoryimportusers-payloads). Parsed
 * tolerantly: the job status is an open string (unknown values are non-terminal), counts may come as numbers or
 * int64-style strings, fields a protobuf-JSON encoder omits when empty (zero counts, empty lists, the last page token)
 * are optional.
 */
import { z } from 'zod';

/** `job.status` values FullStory documents. Its spec's default is UNKNOWN; `PENDING` appears only in a third-party spec. */
export const FULLSTORY_JOB_STATUSES = ['PROCESSING', 'COMPLETED', 'FAILED'] as const;

/** A count: a JSON number, or a decimal string as protobuf JSON writes int64 (`total_records` is one). */
export const CountSchema = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d+$/, 'expected a decimal count')
    .transform((s) => Number(s)),
]);

/** One `BatchUserImportRequest`: what is sent, and what `/errors` echoes back as `user`. */
export const BatchUserImportRequestSchema = z.looseObject({
  id: z.string().optional(),
  uid: z.string().optional(),
  display_name: z.string().optional(),
  email: z.string().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
  schema: z.unknown().optional(),
});
export type BatchUserImportRequest = z.infer<typeof BatchUserImportRequestSchema>;

/** `CreateBatchUserImportJobRequest`: the POST body. */
export const CreateBatchImportRequestSchema = z.object({ requests: z.array(BatchUserImportRequestSchema) });
export type CreateBatchImportRequest = z.infer<typeof CreateBatchImportRequestSchema>;

/** `JobMetadata`. `finished` is absent (or null) while the job runs. */
export const JobMetadataSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().optional(),
  created: z.string().optional(),
  finished: z.string().nullish(),
});
export type JobMetadata = z.infer<typeof JobMetadataSchema>;

/** 200 answer to the create call. */
export const CreateBatchImportResponseSchema = z.looseObject({ job: JobMetadataSchema });

/** `JobStatusResponse`; `errors` is "only included for failed imports". */
export const JobStatusResponseSchema = z.looseObject({
  imports: CountSchema.optional(),
  errors: CountSchema.optional(),
  job: JobMetadataSchema,
});
export type JobStatusResponse = z.infer<typeof JobStatusResponseSchema>;

/** The user an error is about: the original request item, fields possibly null. */
const EchoedUserSchema = z.looseObject({ id: z.string().nullish(), uid: z.string().nullish() });

/** One failed user of `/errors`. */
export const BatchImportErrorSchema = z.looseObject({
  message: z.string().nullish(),
  code: z.string().nullish(),
  user: EchoedUserSchema.nullish(),
});
export type BatchImportError = z.infer<typeof BatchImportErrorSchema>;

/** One imported user of `/imports`. */
export const ImportedUserSchema = z.looseObject({
  id: z.string().nullish(),
  uid: z.string().nullish(),
  display_name: z.string().nullish(),
  email: z.string().nullish(),
  properties: z.record(z.string(), z.unknown()).nullish(),
  schema: z.unknown().optional(),
  type_conflicts: z.unknown().optional(),
});
export type ImportedUser = z.infer<typeof ImportedUserSchema>;

/**
 * A page of `/errors` or `/imports`; no `next_page_token` (or an empty one) = the last page (UNCONFIRMED,
 * docs/contracts.md#fullstoryimportusers-unconfirmed-points).
 */
function pageSchema<T extends z.ZodType>(result: T) {
  return z.looseObject({
    results: z
      .array(result)
      .nullish()
      .transform((results) => results ?? []),
    total_records: CountSchema.nullish(),
    next_page_token: z.string().nullish(),
  });
}

export const BatchImportErrorsPageSchema = pageSchema(BatchImportErrorSchema);
export type BatchImportErrorsPage = z.infer<typeof BatchImportErrorsPageSchema>;

export const BatchImportImportsPageSchema = pageSchema(ImportedUserSchema);
export type BatchImportImportsPage = z.infer<typeof BatchImportImportsPageSchema>;

/** FullStory's error body `{ message, code }` (`code` snake_case, e.g. `required_field`). */
export const FullStoryErrorBodySchema = z.object({ message: z.string(), code: z.string() });
export type FullStoryErrorBody = z.infer<typeof FullStoryErrorBodySchema>;
