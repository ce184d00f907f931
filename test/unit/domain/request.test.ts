import { hasErrorName } from '../../../src/domain/errors';
import type { InvalidRequestError } from '../../../src/domain/errors';
import { parseBulkJobRequest } from '../../../src/domain/request';
import { thrownBy } from '../../helpers/thrown';

const valid = { operation: 'webex.moveUsers', input: { users: [] } };

function rejectedField(raw: unknown): string {
  try {
    parseBulkJobRequest(raw);
  } catch (err) {
    if (hasErrorName(err, 'InvalidRequestError')) return (err as InvalidRequestError).field;
    throw err;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('parseBulkJobRequest', () => {
  it('defaults the connection to default and dryRun to false', () => {
    expect(parseBulkJobRequest(valid)).toEqual({ ...valid, connection: 'default', dryRun: false });
  });

  it('keeps an explicit connection, tenant and dryRun', () => {
    const raw = { ...valid, connection: 'eu', tenant: 'org-1', dryRun: true };
    expect(parseBulkJobRequest(raw)).toEqual(raw);
  });

  it('leaves tenant out when it is absent', () => {
    expect(parseBulkJobRequest(valid)).not.toHaveProperty('tenant');
  });

  it('passes the operation input through unchecked', () => {
    expect(parseBulkJobRequest({ ...valid, input: 'anything' }).input).toBe('anything');
  });

  it('rejects an unknown operation naming operation', () => {
    expect(rejectedField({ ...valid, operation: 'webex.deleteUsers' })).toBe('operation');
  });

  it('rejects a missing input naming input', () => {
    expect(rejectedField({ operation: 'webex.moveUsers' })).toBe('input');
  });

  it('rejects an empty connection naming connection', () => {
    expect(rejectedField({ ...valid, connection: '' })).toBe('connection');
  });

  it('rejects an empty tenant naming tenant', () => {
    expect(rejectedField({ ...valid, tenant: '' })).toBe('tenant');
  });

  it('rejects a non-boolean dryRun naming dryRun', () => {
    expect(rejectedField({ ...valid, dryRun: 'yes' })).toBe('dryRun');
  });

  it('rejects an unknown key naming that key', () => {
    expect(rejectedField({ ...valid, dryrun: true })).toBe('dryrun');
  });

  it('rejects a request that is not an object as (request)', () => {
    expect(rejectedField('webex.moveUsers')).toBe('(request)');
  });
});

describe('parseBulkJobRequest on hostile input', () => {
  it('refuses deep input with InvalidRequestError, so the client never recurses into it', () => {
    const input = JSON.parse(`${'['.repeat(5_000)}${']'.repeat(5_000)}`) as unknown;
    expect(thrownBy(() => parseBulkJobRequest({ operation: 'webex.moveUsers', input }))).toMatchObject({
      name: 'InvalidRequestError',
      problem: 'nested deeper than 32 levels',
    });
  });
});
