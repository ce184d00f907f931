import { z } from 'zod';
import { batchPayload } from '../../../src/providers/batch-payload';
import { thrownBy } from '../../helpers/thrown';

const Schema = z.object({ userIds: z.array(z.string()).min(1) });
const batch = (payload: unknown) => ({ index: 0, key: 'k', itemRefs: [], payload });

describe('batchPayload', () => {
  it("returns the batch's payload as the schema reads it", () => {
    expect(batchPayload(Schema, batch({ userIds: ['a'] }))).toEqual({ userIds: ['a'] });
  });

  it('throws InvalidRequestError on batch.payload naming what does not match', () => {
    expect(thrownBy(() => batchPayload(Schema, batch({ userIds: [] })))).toMatchObject({
      name: 'InvalidRequestError',
      field: 'batch.payload',
      message: expect.stringContaining('userIds'),
    });
  });

  it('names each offending field of the payload by its path', () => {
    expect(thrownBy(() => batchPayload(Schema, batch({ userIds: ['a', 7] })))).toMatchObject({
      problem: expect.stringMatching(/^userIds\[1\]: .*expected string/),
    });
  });
});
