import type { ProviderJobSnapshot } from '../../../../src/domain/job';
import { itemsFromErrors, matchUserId } from '../../../../src/providers/webex-move-users/collect-items';
import {
  MoveUsersErrorsResponseSchema,
  type MoveUsersErrorItem,
} from '../../../../src/providers/webex-move-users/schemas';
import { loadFixture } from '../../../helpers/fixtures';

const counts = (succeeded: number): ProviderJobSnapshot['counts'] => ({
  total: 3,
  succeeded,
  failed: 0,
  skipped: 0,
  pending: 0,
});
const snap = (state: ProviderJobSnapshot['state'], succeeded = 0): ProviderJobSnapshot =>
  state === 'running'
    ? { state, counts: counts(succeeded), providerStatus: 'STARTED/UNKNOWN' }
    : { state, counts: counts(succeeded), providerStatus: `X/${state}` };
const error = (item: string | undefined, itemNumber: number): MoveUsersErrorItem => ({
  itemNumber,
  ...(item === undefined ? {} : { item }),
  error: { key: '400', message: [{ description: '[Error 19605] no', code: '19605' }] },
});
const ids = ['u1', 'u2', 'u3'];

describe('itemsFromErrors', () => {
  it('reports listed users as failed with the first message code and description', () => {
    const items = itemsFromErrors([error('u2', 2)], ids, snap('partial'));
    expect(items[1]).toEqual({ ref: 'u2', outcome: 'failed', code: '19605', message: '[Error 19605] no' });
  });

  it('reports unlisted users as succeeded when the job ended partial', () => {
    const items = itemsFromErrors([error('u2', 2)], ids, snap('partial'));
    expect(items.map((i) => i.outcome)).toEqual(['succeeded', 'failed', 'succeeded']);
  });

  it('falls back to itemNumber (1-based) when an error names no item', () => {
    expect(itemsFromErrors([error(undefined, 3)], ids, snap('partial'))[2]?.outcome).toBe('failed');
  });

  it('fails every user of a failed job that lists no errors, with the job status as message', () => {
    const items = itemsFromErrors([], ids, snap('failed'));
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ outcome: 'failed', message: expect.stringContaining('X/failed') });
  });

  it('reports only listed errors for a cancelled job whose moved count does not match', () => {
    expect(itemsFromErrors([error('u1', 1)], ids, snap('cancelled', 1))).toHaveLength(1);
  });

  it('reports unlisted users of a cancelled job as succeeded when moved equals their number', () => {
    const items = itemsFromErrors([error('u1', 1)], ids, snap('cancelled', 2));
    expect(items.map((i) => i.outcome)).toEqual(['failed', 'succeeded', 'succeeded']);
  });

  it('keeps an error about a user outside the batch instead of dropping it', () => {
    expect(itemsFromErrors([error('stranger', 9)], ids, snap('partial')).at(-1)).toMatchObject({ ref: 'stranger' });
  });

  it('maps the documented example item (a bare UUID) to the base64 userId that contains it', () => {
    const { items } = MoveUsersErrorsResponseSchema.parse(loadFixture('webex-move-users-errors-200'));
    const userId = Buffer.from('ciscospark://us/PEOPLE/52efdff9-9db6-438d-9b96-638365789353').toString('base64');
    const outcomes = itemsFromErrors(items, ['other', userId.replace(/=+$/, '')], snap('partial'));
    expect(outcomes[1]).toMatchObject({ ref: userId.replace(/=+$/, ''), outcome: 'failed', code: '19605' });
  });
});

describe('matchUserId', () => {
  it('returns undefined when no user holds the item', () => {
    expect(matchUserId('nobody', ids)).toBeUndefined();
  });
});
