/** CSV reading under hostile files: repeated columns, and errors that never quote what they read. */
import { parseCsvItems } from '../../../src/cli/csv-input';
import type { InvalidRequestError } from '../../../src/domain/errors';
import { thrownBy } from '../../helpers/thrown';

const SCHEMA = {
  type: 'object',
  properties: { userId: { type: 'string' }, phoneNumber: { type: 'string' }, note: { type: 'string' } },
};

function refusal(text: string): InvalidRequestError {
  const err = thrownBy(() => parseCsvItems('users.csv', text, SCHEMA, 'users')) as InvalidRequestError;
  expect(err.name).toBe('InvalidRequestError');
  return err;
}

describe('parseCsvItems', () => {
  it('refuses a repeated column instead of keeping the last one, naming its position', () => {
    const err = refusal('userId,note,userId\nu1,x,u2\n');
    expect(err.field).toBe('users.csv: line 1, column 3');
    expect(err.problem).toBe('repeats column 1 ("userId")');
  });

  it('names a repeated column that is no field by its positions only', () => {
    const err = refusal('userId,hunter2,hunter2\nu1,x,y\n');
    expect(err.field).toBe('users.csv: line 1, column 3');
    expect(err.message).not.toContain('hunter2');
  });

  it("keeps cells as they are: the formula-cell rule is the shared validation's (domain/formula-cell.ts)", () => {
    const { items } = parseCsvItems(
      'users.csv',
      'userId,phoneNumber,note\nu1,+1 (408) 555-0100,=SUM(A1)\n',
      SCHEMA,
      'users',
    );
    expect(items).toEqual([{ userId: 'u1', phoneNumber: '+1 (408) 555-0100', note: '=SUM(A1)' }]);
  });

  it('names the line of malformed CSV without quoting the file', () => {
    const secret = 'root:$6$saltsalt$hashhashhash:19000:0:99999:7:::';
    const err = refusal(`userId\n"${secret}\n`);
    expect(err.message).not.toContain('saltsalt');
    expect(err.message).toMatch(/not valid CSV \(CSV_[A-Z_]+\)/);
  });
});

describe('parseCsvItems with a nested object', () => {
  const NESTED = {
    type: 'object',
    additionalProperties: false,
    properties: {
      loginId: { type: 'string' },
      organization: {
        type: 'object',
        additionalProperties: false,
        properties: { name: { type: 'string' }, bidderCompany: { type: 'boolean' } },
      },
    },
  };

  it('reads parent.child columns into the nested object, its values typed', () => {
    const { items } = parseCsvItems(
      'users.csv',
      'loginId,organization.name,organization.bidderCompany\nu1,Harbor Works,true\nu2,Northline,\n',
      NESTED,
      'added',
    );
    expect(items).toEqual([
      { loginId: 'u1', organization: { name: 'Harbor Works', bidderCompany: true } },
      { loginId: 'u2', organization: { name: 'Northline' } },
    ]);
  });

  it('still reads the object as JSON in its own column, but refuses both ways in one file', () => {
    const json = parseCsvItems('users.csv', 'loginId,organization\nu1,"{""name"":""H""}"\n', NESTED, 'added');
    expect(json.items).toEqual([{ loginId: 'u1', organization: { name: 'H' } }]);
    const err = thrownBy(() =>
      parseCsvItems('users.csv', 'loginId,organization,organization.name\nu1,{},H\n', NESTED, 'added'),
    ) as InvalidRequestError;
    expect(err.field).toBe('users.csv: line 1, column "organization.name"');
  });

  it('refuses a parent.child column whose child the object does not have', () => {
    const err = thrownBy(() =>
      parseCsvItems('users.csv', 'loginId,organization.colour\nu1,red\n', NESTED, 'added'),
    ) as InvalidRequestError;
    expect(err.field).toBe('users.csv: line 1, column "organization.colour"');
  });
});
