import { getOperation, operations, supportedOperations } from '../../../src/providers/registry';

describe('provider registry', () => {
  it('returns the Webex Move Users operation for webex.moveUsers', () => {
    expect(getOperation('webex.moveUsers')).toBe(operations['webex.moveUsers']);
  });

  it('throws InvalidRequestError on field operation for an unknown id', () => {
    expect(errorOf(() => getOperation('webex.nope'))).toMatchObject({
      name: 'InvalidRequestError',
      field: 'operation',
    });
  });

  it('throws InvalidRequestError naming a known but unsupported operation', () => {
    expect(() => getOperation('zoho.invitePortalUsers')).toThrow(/zoho.invitePortalUsers is not supported yet/);
  });

  it('lists only the operations that can run', () => {
    expect(supportedOperations()).toEqual(['webex.moveUsers']);
  });

  it('keeps each operation under its own id', () => {
    for (const [id, operation] of Object.entries(operations)) expect(operation?.id).toBe(id);
  });
});

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}
