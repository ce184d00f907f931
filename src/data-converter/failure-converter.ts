/**
 * The failure converter of every bulkflow data converter (clients, workers, the workflow bundle, the audit, the CLI
 * and the API). With `encodeCommonAttributes`, a failure's message and stack trace travel as a payload, which the
 * payload codecs encrypt; the failure itself says only "Encoded failure". Loaded by path (`failureConverterPath`),
 * also inside the workflow sandbox, so this module imports nothing but the SDK.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
