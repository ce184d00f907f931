/** The CLI's input: CSV rows into an operation's item list, JSON, --set, and errors naming file, row and column. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildInput } from '../../../src/cli/input-file';
import { hasErrorName } from '../../../src/domain/errors';
import type { InvalidRequestError } from '../../../src/domain/errors';
import { getOperation } from '../../../src/providers/registry';

let dir: string;
const noStdin = () => Promise.reject(new Error('no stdin in this test'));

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulkflow-cli-input-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

async function invalid(promise: Promise<unknown>): Promise<InvalidRequestError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (hasErrorName(err, 'InvalidRequestError')) return err as InvalidRequestError;
  throw new Error(`expected an InvalidRequestError, got ${String(err)}`);
}

describe('buildInput', () => {
  const move = getOperation('webex.moveUsers');

  it('turns each CSV row into one item, leaving empty cells out, and adds --set fields', async () => {
    const csv = file(
      'users.csv',
      '\uFEFFuserId,locationId,phoneNumber,extension\nu1,l1,,1001\n\nu2,l2,+14155550100,\n',
    );
    const built = await buildInput(move, { input: csv, set: ['orgId=Y2lz-org'] }, noStdin);

    expect(built.input).toEqual({
      users: [
        { userId: 'u1', locationId: 'l1', extension: '1001' },
        { userId: 'u2', locationId: 'l2', phoneNumber: '+14155550100' },
      ],
      orgId: 'Y2lz-org',
    });
    expect(built.locate('input.users[1].phoneNumber')).toBe(`${csv}: row 2 (line 4), column "phoneNumber"`);
    expect(built.locate('input.orgId')).toBe('--set orgId');
  });

  it('converts cells to the types the item schema wants (numbers, booleans, lists)', async () => {
    const oracle = getOperation('oracle.syncUsers');
    const csv = file('oracle.csv', 'loginId,firstName,lastName,emailAddress,disabled\nj,J,D,j@example.test,true\n');
    const built = await buildInput(oracle, { input: csv, set: [], itemsField: 'added' }, noStdin);

    expect(built.input['added']).toEqual([
      { loginId: 'j', firstName: 'J', lastName: 'D', emailAddress: 'j@example.test', disabled: true },
    ]);
  });

  it('reads a JSON input object, from a file or stdin', async () => {
    const json = '{"users":[{"userId":"u1","locationId":"l1"}]}';
    const fromFile = await buildInput(move, { input: file('input.json', json), set: [] }, noStdin);
    const fromStdin = await buildInput(move, { input: '-', set: [] }, () => Promise.resolve(json));

    expect(fromFile.input).toEqual(JSON.parse(json));
    expect(fromStdin.input).toEqual(JSON.parse(json));
  });

  it('names the unknown column on line 1', async () => {
    const csv = file('unknown.csv', 'userId,locationId,desk\nu1,l1,4B\n');
    const err = await invalid(buildInput(move, { input: csv, set: [] }, noStdin));
    expect(err.field).toBe(`${csv}: line 1, column "desk"`);
  });

  it('names the line of a malformed row', async () => {
    const csv = file('ragged.csv', 'userId,locationId\nu1,l1\nu2,l2,extra\n');
    const err = await invalid(buildInput(move, { input: csv, set: [] }, noStdin));
    expect(err.field).toBe(`${csv}: line 3`);
    expect(err.message).not.toContain('extra');
  });

  it('asks for --items-field when an operation has several item lists, and refuses CSV when it has none', async () => {
    const csv = file('any.csv', 'a\n1\n');
    const several = await invalid(buildInput(getOperation('oracle.syncUsers'), { input: csv, set: [] }, noStdin));
    const none = await invalid(
      buildInput(getOperation('webex.resendActivationEmails'), { input: csv, set: [] }, noStdin),
    );

    expect(several.field).toBe('--items-field');
    expect(several.problem).toContain('added');
    expect(none.problem).toContain('takes no item list');
  });

  it('refuses a --set without "=", a missing file and malformed JSON', async () => {
    expect((await invalid(buildInput(move, { set: ['orgId'] }, noStdin))).field).toBe('--set');
    expect((await invalid(buildInput(move, { input: path.join(dir, 'nope.csv'), set: [] }, noStdin))).field).toBe(
      '--input',
    );
    const broken = file('broken.json', '{"users": [');
    expect((await invalid(buildInput(move, { input: broken, set: [] }, noStdin))).field).toBe(broken);
  });
});
