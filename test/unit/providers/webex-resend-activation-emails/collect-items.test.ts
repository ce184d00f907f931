import { itemsFromErrors, refOf } from '../../../../src/providers/webex-resend-activation-emails/collect-items';
import type { ActivationEmailsErrorItem } from '../../../../src/providers/webex-resend-activation-emails/schemas';

function error(
  itemNumber: number,
  code: string | number | null,
  extra: Partial<ActivationEmailsErrorItem> = {},
): ActivationEmailsErrorItem {
  return {
    itemNumber,
    trackingId: `NA_t_${itemNumber}`,
    error: { key: '304', message: [{ description: `problem ${itemNumber}`, code, locationId: null }] },
    ...extra,
  };
}

describe('itemsFromErrors', () => {
  it('marks ATLAS-600199 skipped and any other code failed, keeping code and description', () => {
    expect(itemsFromErrors([error(1, 'ATLAS-600199'), error(2, 'ATLAS-600100')])).toEqual([
      { ref: 'item-1', outcome: 'skipped', code: 'ATLAS-600199', message: 'problem 1' },
      { ref: 'item-2', outcome: 'failed', code: 'ATLAS-600100', message: 'problem 2' },
    ]);
  });

  it('takes a numeric code as a string', () => {
    expect(itemsFromErrors([error(1, 4003)])[0]).toMatchObject({ outcome: 'failed', code: '4003' });
  });

  it('falls back to the error key when no message carries a code', () => {
    expect(itemsFromErrors([error(1, null)])[0]).toMatchObject({ outcome: 'failed', code: '304' });
  });

  it('says which HTTP-ish key failed when there is no description', () => {
    const bare: ActivationEmailsErrorItem = { itemNumber: 4, error: { key: '500', message: [] } };
    expect(itemsFromErrors([bare])).toEqual([{ ref: 'item-4', outcome: 'failed', code: '500', message: 'HTTP 500' }]);
  });

  it('joins several descriptions and skips when any message is ATLAS-600199', () => {
    const two: ActivationEmailsErrorItem = {
      itemNumber: 1,
      error: {
        key: '304',
        message: [
          { description: 'a', code: 'X-1' },
          { description: 'b', code: 'ATLAS-600199' },
        ],
      },
    };
    expect(itemsFromErrors([two])).toEqual([
      { ref: 'item-1', outcome: 'skipped', code: 'ATLAS-600199', message: 'a; b' },
    ]);
  });

  it('keeps a user listed twice once', () => {
    expect(itemsFromErrors([error(7, 'A'), error(7, 'A'), error(8, 'A')]).map((i) => i.ref)).toEqual([
      'item-7',
      'item-8',
    ]);
  });
});

describe('refOf', () => {
  it('uses item when the provider names the user', () => {
    expect(refOf(error(3, 'A', { item: 'user@example.com' }), 0)).toBe('user@example.com');
  });

  it('falls back to item-<itemNumber>', () => {
    expect(refOf(error(3, 'A'), 0)).toBe('item-3');
  });

  it('falls back to the position when itemNumber is missing', () => {
    expect(refOf({ error: { message: [] } }, 4)).toBe('error-5');
  });
});
