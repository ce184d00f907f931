import { OPERATION_IDS } from '../../../src/domain/job';
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

  it('supports every operation id of the domain', () => {
    expect(supportedOperations()).toEqual([...OPERATION_IDS]);
  });

  it('names the supported operations when the id is unknown', () => {
    expect(() => getOperation('webex.nope')).toThrow(/supported: .*zoho\.invitePortalUsers/);
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
