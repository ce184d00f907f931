/** A listing entry is read without its payloads: the memo is opened only to tell an erased job apart. */
import type { Client } from '@temporalio/client';
import type { RawWorkflowExecutionInfo } from '@temporalio/client/lib/types';
import { defaultPayloadConverter } from '@temporalio/common';
import type { PayloadCodec } from '@temporalio/common';
import { msNumberToTs } from '@temporalio/common/lib/time';
import { bareJobInfo } from '../../../src/client/bare-execution';
import { WORKFLOW_TYPE } from '../../../src/workflows/definitions';

/** `RUNNING` in Temporal's raw status codes. */
const RUNNING = 1;

/** A client whose codec fails every decode with `error`. */
function clientFailingWith(error: Error): Client {
  const codec: PayloadCodec = { encode: (payloads) => Promise.resolve(payloads), decode: () => Promise.reject(error) };
  return {
    options: {
      namespace: 'default',
      loadedDataConverter: { payloadConverter: defaultPayloadConverter, payloadCodecs: [codec] },
    },
  } as unknown as Client;
}

const raw = {
  type: { name: WORKFLOW_TYPE },
  execution: { workflowId: 'tabc.cdef.move-1', runId: 'run-1' },
  status: RUNNING,
  historyLength: { toNumber: () => 12 },
  startTime: msNumberToTs(Date.parse('2026-12-07T10:00:00Z')),
  memo: { fields: { summary: defaultPayloadConverter.toPayload({ sealed: true }) } },
} as unknown as RawWorkflowExecutionInfo;

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('a bare listing entry', () => {
  it("is marked dataErased when the memo's tenant key was erased", async () => {
    const client = clientFailingWith(named('DataKeyNotFoundError', 'data key t1/1 is not in the tenant key store'));
    await expect(bareJobInfo(client, raw)).resolves.toMatchObject({ jobId: 'tabc.cdef.move-1', dataErased: true });
  });

  it('is listed as it is when the memo fails to open for another reason (a master key this process lacks)', async () => {
    const client = clientFailingWith(named('MasterKeyNotFoundError', 'master key k9 is not configured'));
    const info = await bareJobInfo(client, raw);
    expect(info).toMatchObject({ jobId: 'tabc.cdef.move-1', status: 'RUNNING' });
    expect(info).not.toHaveProperty('dataErased');
  });
});
