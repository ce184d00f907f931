/**
 * Temporal's payload limit at the start of a job: a client without a blob store refuses an input over it before
 * sending anything, and Temporal's own refusals for size (as the SDK reports them) are told with the size, the limit
 * and the setting, never as the bare "Failed to start Workflow".
 */
import type { Client } from '@temporalio/client';
import { ClaimCheckCodec, FileBlobStore } from '../../../src/claim-check';
import {
  TEMPORAL_PAYLOAD_LIMIT_BYTES,
  checkInlinePayload,
  explainStartFailure,
  jsonPayloadBytes,
} from '../../../src/client/payload-limit';
import { startJob } from '../../../src/client/job-starter';
import type { RequestTooLargeError } from '../../../src/domain/errors';
import { rejectionOf, thrownBy } from '../../helpers/thrown';

/** What the SDK throws when Temporal refuses a start, around the gRPC error it got (SDK 1.24). */
function serviceError(code: number, message: string): Error {
  const grpc = Object.assign(new Error(`${code} ${message}`), { code, details: message, metadata: {} });
  return Object.assign(new Error('Failed to start Workflow', { cause: grpc }), { name: 'ServiceError' });
}

const BLOB_SIZE = serviceError(3, 'INVALID_ARGUMENT: Blob data size exceeds limit.');
const MESSAGE_SIZE = serviceError(
  8,
  'RESOURCE_EXHAUSTED: grpc: received message larger than max (8000148 vs. 4194304)',
);

/** An input of exactly `bytes` as JSON. */
function inputOf(bytes: number): { pad: string } {
  return { pad: 'x'.repeat(bytes - jsonPayloadBytes({ pad: '' })) };
}

describe('checkInlinePayload', () => {
  it("lets an input of exactly Temporal's limit through", () => {
    expect(() => checkInlinePayload(inputOf(TEMPORAL_PAYLOAD_LIMIT_BYTES))).not.toThrow();
  });

  it('refuses one byte more, naming the size, the limit and the setting', () => {
    const err = thrownBy(() => checkInlinePayload(inputOf(TEMPORAL_PAYLOAD_LIMIT_BYTES + 1))) as RequestTooLargeError;
    expect(err.name).toBe('RequestTooLargeError');
    expect(err.message).toMatch(
      /^the job's input is 2\.0 MiB \(2,097,153 bytes\) as a Temporal payload, over Temporal's limit of 2\.0 MiB \(2,097,152 bytes\): .*BULKFLOW_CLAIM_CHECK_DIR/,
    );
    expect(err.size).toEqual({ value: 2_097_153, exact: true });
    expect(err.limit).toBe(TEMPORAL_PAYLOAD_LIMIT_BYTES);
  });
});

describe('explainStartFailure', () => {
  it.each([
    ['the blob size limit', BLOB_SIZE],
    ['the gRPC message size', MESSAGE_SIZE],
  ])("tells Temporal's refusal for %s with the size, the limit and the claim check's setting", (_case, refusal) => {
    const err = explainStartFailure(refusal, inputOf(3_000_000), true) as RequestTooLargeError;
    expect(err.name).toBe('RequestTooLargeError');
    expect(err.message).toContain('its input is 2.9 MiB (3,000,000 bytes) as a payload');
    expect(err.message).toContain('2.0 MiB (2,097,152 bytes)');
    expect(err.message).toContain('BULKFLOW_CLAIM_CHECK_DIR');
    expect(err.cause).toBe(refusal);
  });

  it("names the claim check's threshold when the input was in the blob store", () => {
    const err = explainStartFailure(BLOB_SIZE, inputOf(3_000_000), false) as RequestTooLargeError;
    expect(err.message).toContain('BULKFLOW_CLAIM_CHECK_THRESHOLD_BYTES');
  });

  it('leaves any other failure as it is', () => {
    const other = serviceError(8, 'RESOURCE_EXHAUSTED: namespace rate limit exceeded');
    expect(explainStartFailure(other, {}, true)).toBe(other);
  });
});

describe('startJob and the payload limit', () => {
  const request = { operation: 'fullstory.importUsers', input: { users: [{ uid: `u-${'x'.repeat(3_000_000)}` }] } };

  function fakeClient(codecs: unknown[], start: () => Promise<unknown>): { client: Client; starts: () => number } {
    let starts = 0;
    const client = {
      options: { loadedDataConverter: { payloadCodecs: codecs } },
      workflow: {
        start: () => {
          starts += 1;
          return start();
        },
      },
    } as unknown as Client;
    return { client, starts: () => starts };
  }

  it('refuses an input over the limit without sending it when the client has no blob store', async () => {
    const { client, starts } = fakeClient([], () => Promise.resolve());
    const err = await rejectionOf(startJob(client, 'q', request, { requestedBy: 'ops@example.test' }));
    expect(err.name).toBe('RequestTooLargeError');
    expect(starts()).toBe(0);
  });

  it('sends it when the claim check keeps large payloads, and explains a refusal for size', async () => {
    const codec = new ClaimCheckCodec(new FileBlobStore('/nonexistent-never-written'));
    const { client, starts } = fakeClient([codec], () => Promise.reject(BLOB_SIZE));
    const err = await rejectionOf(startJob(client, 'q', request, { requestedBy: 'ops@example.test' }));
    expect(starts()).toBe(1);
    expect(err.name).toBe('RequestTooLargeError');
    expect(err.message).toContain('BULKFLOW_CLAIM_CHECK_THRESHOLD_BYTES');
  });
});
