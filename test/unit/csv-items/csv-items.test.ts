/** CSV reading under hostile files: repeated columns, and errors that never quote what they read. */
import { parseCsvItems, readCsvItems } from '../../../src/csv-items';
import type { InvalidRequestError } from '../../../src/domain/errors';
import { rejectionOf } from '../../helpers/thrown';

const SCHEMA = {
  type: 'object',
  properties: { userId: { type: 'string' }, phoneNumber: { type: 'string' }, note: { type: 'string' } },
};

async function refusal(text: string): Promise<InvalidRequestError> {
  const err = (await rejectionOf(parseCsvItems('users.csv', text, SCHEMA, 'users'))) as unknown as InvalidRequestError;
  expect(err.name).toBe('InvalidRequestError');
  return err;
}

describe('parseCsvItems', () => {
  it('refuses a repeated column instead of keeping the last one, naming its position', async () => {
    const err = await refusal('userId,note,userId\nu1,x,u2\n');
    expect(err.field).toBe('users.csv: line 1, column 3');
    expect(err.problem).toBe('repeats column 1 ("userId")');
  });

  it('names a repeated column that is no field by its positions only', async () => {
    const err = await refusal('userId,hunter2,hunter2\nu1,x,y\n');
    expect(err.field).toBe('users.csv: line 1, column 3');
    expect(err.message).not.toContain('hunter2');
  });

  it("keeps cells as they are: the formula-cell rule is the shared validation's (domain/formula-cell.ts)", async () => {
    const { items } = await parseCsvItems(
      'users.csv',
      'userId,phoneNumber,note\nu1,+1 (408) 555-0100,=SUM(A1)\n',
      SCHEMA,
      'users',
    );
    expect(items).toEqual([{ userId: 'u1', phoneNumber: '+1 (408) 555-0100', note: '=SUM(A1)' }]);
  });

  it('names the line of malformed CSV without quoting the file', async () => {
    const secret = 'root:$6$saltsalt$hashhashhash:19000:0:99999:7:::';
    const err = await refusal(`userId\n"${secret}\n`);
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

  it('reads parent.child columns into the nested object, its values typed', async () => {
    const { items } = await parseCsvItems(
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

  it('still reads the object as JSON in its own column, but refuses both ways in one file', async () => {
    const json = await parseCsvItems('users.csv', 'loginId,organization\nu1,"{""name"":""H""}"\n', NESTED, 'added');
    expect(json.items).toEqual([{ loginId: 'u1', organization: { name: 'H' } }]);
    const err = (await rejectionOf(
      parseCsvItems('users.csv', 'loginId,organization,organization.name\nu1,{},H\n', NESTED, 'added'),
    )) as unknown as InvalidRequestError;
    expect(err.field).toBe('users.csv: line 1, column "organization.name"');
  });

  it('refuses a parent.child column whose child the object does not have, naming it by position', async () => {
    // Not a column nor a typo of one: the header is not quoted (the file's content is never echoed).
    const err = (await rejectionOf(
      parseCsvItems('users.csv', 'loginId,organization.colour\nu1,red\n', NESTED, 'added'),
    )) as unknown as InvalidRequestError;
    expect(err.field).toBe('users.csv: line 1, column 2');
  });
});

describe('readCsvItems: a CSV read as a stream', () => {
  const ITEM = { type: 'object', properties: { userId: { type: 'string' }, note: { type: 'string' } } };

  /** The bytes of `text` in chunks of `size` bytes (so a row, and a multi-byte character, may span two). */
  function* chunksOf(text: string, size: number): Generator<Buffer> {
    const bytes = Buffer.from(text);
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  }

  async function* asyncChunks(chunks: Iterable<Buffer>): AsyncGenerator<Buffer> {
    yield* chunks;
  }

  it('reads rows and characters split across chunks, after a byte order mark', async () => {
    const text = '\uFEFFuserId,note\nu1,café ☕\nu2,naïve\n';
    const csv = await readCsvItems(asyncChunks(chunksOf(text, 3)), {
      source: 'body',
      itemSchema: ITEM,
      field: 'users',
    });
    expect(csv.items).toEqual([
      { userId: 'u1', note: 'café ☕' },
      { userId: 'u2', note: 'naïve' },
    ]);
    expect(csv.columns).toEqual(['userId', 'note']);
    expect(csv.lines).toEqual([2, 3]);
  });

  it('stops at the row past maxRows with the error of tooManyRows, without reading the rest', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `u${i},x`).join('\n');
    let chunks = 0;
    const err = await rejectionOf(
      readCsvItems(asyncChunks(chunksOf(`userId,note\n${rows}\n`, 1_024)), {
        source: 'body',
        itemSchema: ITEM,
        field: 'users',
        onChunk: () => (chunks += 1),
        maxRows: 10,
        tooManyRows: (max) => new Error(`more than ${max} rows`),
      }),
    );
    expect(err.message).toBe('more than 10 rows');
    // About 900 chunks in all; what stream buffers hold ahead of the parser is a few dozen.
    expect(chunks).toBeLessThan(100);
  });

  it('stops when onChunk throws, with its error', async () => {
    const err = await rejectionOf(
      readCsvItems(asyncChunks(chunksOf(`userId\n${'u\n'.repeat(1_000)}`, 100)), {
        source: 'body',
        itemSchema: ITEM,
        field: 'users',
        onChunk: () => {
          throw new Error('over the bound');
        },
      }),
    );
    expect(err.message).toBe('over the bound');
  });

  it('refuses a text without rows, naming the source', async () => {
    const err = (await rejectionOf(
      parseCsvItems('body', 'userId,note\n', ITEM, 'users'),
    )) as unknown as InvalidRequestError;
    expect(err.field).toBe('body');
    expect(err.problem).toBe('no rows after the header');
  });
});
