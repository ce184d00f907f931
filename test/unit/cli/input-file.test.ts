/** The CLI's input: CSV rows into an operation's item list, JSON, --set, and errors naming file, row and column. */
import { truncateSync } from 'node:fs';
import { buildInput } from '../../../src/cli/input-file';
import { hasErrorName } from '../../../src/domain/errors';
import type { InvalidRequestError } from '../../../src/domain/errors';
import { getOperation } from '../../../src/providers/registry';
import { scratchFiles } from '../../helpers/scratch-files';

const noStdin = () => Promise.reject(new Error('no stdin in this test'));
const { file, pathOf } = scratchFiles('bulkflow-cli-input-');

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

  it('names an unknown column on line 1 by its position, and quotes it only as a typo of a field', async () => {
    const unknown = file('unknown.csv', 'userId,locationId,desk\nu1,l1,4B\n');
    const err = await invalid(buildInput(move, { input: unknown, set: [] }, noStdin));
    expect(err.field).toBe(`${unknown}: line 1, column 3`);
    expect(err.problem).toContain('fields: userId, locationId, phoneNumber, extension');
    const typo = file('typo.csv', 'userid,locationId\nu1,l1\n');
    const near = await invalid(buildInput(move, { input: typo, set: [] }, noStdin));
    expect(near.field).toBe(`${typo}: line 1, column 1 "userid"`);
    expect(near.problem).toContain('did you mean "userId"?');
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
    expect((await invalid(buildInput(move, { input: pathOf('nope.csv'), set: [] }, noStdin))).field).toBe('--input');
    const broken = file('broken.json', '{"users": [');
    expect((await invalid(buildInput(move, { input: broken, set: [] }, noStdin))).field).toBe(
      `${broken}: line 1, column 12`,
    );
  });
});

describe('buildInput never echoes what an --input file holds', () => {
  const move = getOperation('webex.moveUsers');
  const shadow = 'root:$6$saltsalt$hashhashhashhash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n';

  it('names the first line of a non-CSV file as column 1, not by what it says', async () => {
    const target = file('shadow', shadow);
    const err = await invalid(buildInput(move, { input: target, set: [] }, noStdin));
    expect(err.field).toBe(`${target}: line 1, column 1`);
    expect(err.message).not.toMatch(/root|saltsalt|hash/);
  });

  it("says where a .json file stops being JSON, without V8's snippet of it", async () => {
    const target = file('shadow.json', shadow);
    const err = await invalid(buildInput(move, { input: target, set: [] }, noStdin));
    expect(err.field).toBe(`${target}: line 1, column 1`);
    expect(err.problem).toMatch(/^not JSON: expected a value/);
    expect(err.message).not.toMatch(/root|saltsalt|hash|Unexpected token/);
  });

  it('gives the line and column of an error deep in a JSON file', async () => {
    const target = file('late.json', '{\n  "users": [\n    {"userId": "u1", "locationId": secret-token}\n  ]\n}\n');
    const err = await invalid(buildInput(move, { input: target, set: [] }, noStdin));
    expect(err.field).toBe(`${target}: line 3, column 36`);
    expect(err.message).not.toContain('secret');
  });
});

describe("buildInput: --set takes only the operation's input fields", () => {
  const move = getOperation('webex.moveUsers');
  const csv = () => file('ok.csv', 'userId,locationId\nu1,l1\n');

  it.each(['__proto__', 'constructor', 'prototype', 'orgid', 'admin'])(
    'refuses --set %s=x, naming the option',
    async (key) => {
      const err = await invalid(buildInput(move, { input: csv(), set: [`${key}=x`] }, noStdin));
      expect(err.field).toBe('--set');
      expect(err.problem).toBe(`"${key}" is not an input field of webex.moveUsers (fields: orgId, users)`);
      expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    },
  );
});

const move = () => getOperation('webex.moveUsers');

describe('buildInput: the size bound, checked before the CSV is parsed', () => {
  const zoho = getOperation('zoho.invitePortalUsers');

  it('refuses a CSV larger on disk than the largest request the operation allows, without reading it', async () => {
    const big = file('big.csv', '');
    // Sparse: nothing is written; a read of it would take seconds, the refusal takes none.
    truncateSync(big, 400 * 1024 * 1024);
    const err = await invalid(buildInput(move(), { input: big, set: [] }, noStdin));
    expect(err.field).toBe(big);
    expect(err.problem).toBe(
      '400.0 MiB is too large: webex.moveUsers takes at most 106,201,062 characters as CSV (100,000 rows of at most 1,062)',
    );
  });

  it('refuses a CSV with more characters than the bound, before parsing it', async () => {
    const row = '1234567890123456789,1234567890123456789,reinvite,en_US\n';
    const text = `id,userTypeId,type,language\n${row.repeat(Math.ceil(6_400_000 / row.length))}`;
    const err = await invalid(buildInput(zoho, { input: '-', set: ['module=Contacts'] }, () => Promise.resolve(text)));
    expect(err.field).toBe('stdin');
    expect(err.problem).toMatch(
      /^6,4\d\d,\d{3} characters is too large: zoho.invitePortalUsers takes at most 6,300,063/,
    );
  });

  it('reads stdin with a bound, and refuses what came beyond it', async () => {
    let asked: number | undefined;
    const stdin = (maxBytes?: number) => {
      asked = maxBytes;
      return Promise.resolve('x'.repeat((maxBytes ?? 0) + 1));
    };
    const err = await invalid(buildInput(zoho, { input: '-', set: [] }, stdin));
    expect(asked).toBe(256 * 1024 * 1024);
    expect(err.problem).toBe('more than 256.0 MiB is more than the CLI reads (256.0 MiB)');
  });
});
