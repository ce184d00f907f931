import type { z } from 'zod';
import { OracleSyncUsersInputSchema } from '../../../../src/providers/oracle-sync-users/input';
import {
  UserDataStoreRequestSchema,
  UserDataStoreResultSchema,
} from '../../../../src/providers/oracle-sync-users/schemas';
import { fixtureNames, loadFixture } from '../../../helpers/fixtures';

const SCHEMAS: Record<string, z.ZodType> = {
  'oracle-primavera-admin-create-user-request.json': UserDataStoreRequestSchema,
};

describe('Oracle Primavera Administration fixtures', () => {
  it('has a schema for every oracle fixture on disk', () => {
    expect(fixtureNames('oracle-')).toEqual(Object.keys(SCHEMAS).sort());
  });

  it.each(Object.entries(SCHEMAS))('parses %s against its schema', (name, schema) => {
    const result = schema.safeParse(loadFixture(name));
    expect(result.error).toBeUndefined();
  });

  it('keeps every field of the documented request when parsed (nothing dropped)', () => {
    const fixture = loadFixture('oracle-primavera-admin-create-user-request');
    expect(UserDataStoreRequestSchema.parse(fixture)).toEqual(fixture);
  });

  it('also reads the documented request as a job result (the status body echoes the request)', () => {
    const result = UserDataStoreResultSchema.parse(loadFixture('oracle-primavera-admin-create-user-request'));
    expect(result.added?.[0]?.loginId).toBe('JSMITH');
  });

  it('accepts the documented request as the caller input as it is, disabled omitted (the spec marks it required)', () => {
    const fixture = loadFixture('oracle-primavera-admin-create-user-request');
    const parsed = OracleSyncUsersInputSchema.safeParse(fixture);
    expect(parsed.error).toBeUndefined();
    expect(parsed.data).toEqual(fixture);
  });

  it('accepts null optional fields in a result, as Java serializers write them', () => {
    const body = {
      added: [{ loginId: 'A', statusInfo: null, statusInfoOK: null }],
      exception: null,
      deleteFailed: null,
    };
    expect(UserDataStoreResultSchema.safeParse(body).success).toBe(true);
  });
});
