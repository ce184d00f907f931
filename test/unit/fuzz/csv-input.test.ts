/**
 * Hostile CSV and `--set` values through the CLI's input building and the validation `bulkflow start` runs before
 * anything is started: any text ends as an input or an InvalidRequestError naming the file (line, column) or the
 * option; any invalid value is reported by row and column; nothing reaches an object's prototype; a `--set` key that
 * is no input field (`__proto__`, `constructor`) is refused on `--set`.
 */
import fc from 'fast-check';
import { validateBulkJobRequest } from '../../../src/client';
import { buildInput } from '../../../src/cli/input-file';
import type { BuiltInput } from '../../../src/cli/input-file';
import { OPERATION_IDS } from '../../../src/domain/job';
import type { OperationId } from '../../../src/domain/job';
import { getOperation } from '../../../src/providers/registry';
import { samplesOf } from '../../../src/simulator-registry';
import { FUZZ, UNSAFE_CHARS, hostileShortString, hostileString } from '../../helpers/hostile';

/** The operations whose users `bulkflow start` reads from a CSV file (their samples say how: `csv`). */
const CSV_OPERATIONS = OPERATION_IDS.filter((op) => samplesOf(op).csv !== undefined);

/** The CSV columns `op`'s item list takes, and the `--set` / `--items-field` it needs. */
function csvOf(op: OperationId): { columns: readonly string[]; set: readonly string[]; itemsField?: string } {
  const { columns = [], set = [], itemsField } = samplesOf(op).csv ?? {};
  return { columns, set, ...(itemsField === undefined ? {} : { itemsField }) };
}

const cell = fc.oneof(
  fc.constantFrom('u1', 'loc-1', '+14155550100', '1234', 'true', '{"name":"sfo"}', 'a;b', ''),
  hostileShortString,
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('=1+1', '@SUM(A1)', '+cmd|x', '-2+3', '"quoted, with comma"', 'line\nbreak', 'a""b'),
  fc.constantFrom(...UNSAFE_CHARS).map((ch) => `u${ch}1`),
);

/** One CSV field, quoted when it must be (or at random). */
const quoted = (text: string, always: boolean): string =>
  always || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;

function csvText(header: readonly string[], rows: readonly (readonly string[])[], quoteAll: boolean): string {
  return [header, ...rows].map((row) => row.map((text) => quoted(text, quoteAll)).join(',')).join('\n');
}

const csvFor = (op: OperationId) =>
  fc
    .tuple(
      fc.uniqueArray(
        fc.oneof(
          fc.constantFrom(...csvOf(op).columns),
          fc.constantFrom('__proto__', 'constructor'),
          hostileShortString,
        ),
        {
          minLength: 1,
          maxLength: 5,
        },
      ),
      fc.integer({ min: 0, max: 4 }),
      fc.boolean(),
    )
    .chain(([header, rows, quoteAll]) =>
      fc
        .array(fc.array(cell, { minLength: header.length, maxLength: header.length }), {
          minLength: rows,
          maxLength: rows,
        })
        .map((cells) => csvText(header, cells, quoteAll)),
    );

/** Builds the input as `bulkflow start` does; anything but InvalidRequestError escapes. */
async function build(op: OperationId, text: string, set: readonly string[]): Promise<BuiltInput | undefined> {
  const { itemsField } = csvOf(op);
  try {
    return await buildInput(
      getOperation(op),
      { input: '-', set: [...set], ...(itemsField ? { itemsField } : {}) },
      () => Promise.resolve(text),
    );
  } catch (err) {
    const { name, field } = err as { name?: string; field?: string };
    if (name !== 'InvalidRequestError') throw err;
    expect(field === '--set' || field === '--items-field' || field?.startsWith('stdin')).toBe(true);
    return undefined;
  }
}

/** The fields a validation of `built` reports, located as `bulkflow start` reports them. */
function locatedFields(op: OperationId, built: BuiltInput): string[] {
  try {
    validateBulkJobRequest({ operation: op, input: built.input });
    return [];
  } catch (err) {
    const { name, issues } = err as { name?: string; issues?: Array<{ field: string }> };
    if (name !== 'RequestValidationError' || !issues) throw err;
    return issues.map((issue) => built.locate(issue.field) ?? issue.field);
  }
}

describe('CSV input under hostile text', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each(CSV_OPERATIONS)(
    '%s: ends as an input or an error naming the file, and reports bad cells by row and column',
    async (op) => {
      await fc.assert(
        fc.asyncProperty(csvFor(op), async (text) => {
          const built = await build(op, text, csvOf(op).set);
          if (!built) return;
          for (const field of locatedFields(op, built)) {
            // A bad cell is named by row and column; anything else is a field of the input itself.
            // A column is named by a field name, or by its position (and a typo of a field name), never by any header.
            expect(field).toMatch(
              /^(stdin: row \d+ \(line \d+\)(, column (".*"|\d+( ".*")?))?|input(\.|\[|$)|--set )/s,
            );
          }
        }),
        { ...FUZZ, numRuns: 100 },
      );
    },
  );

  it('reports a control character in a cell by row and column, and starts nothing', async () => {
    const built = await build('webex.moveUsers', 'userId,locationId\nu1,loc-1\n"u\u001b2",loc-1\n', []);
    expect(built && locatedFields('webex.moveUsers', built)).toEqual(['stdin: row 2 (line 3), column "userId"']);
  });

  it('takes --set values whatever they hold, and refuses a key that is no input field, naming --set', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('__proto__', 'constructor', 'orgId', 'users'),
        hostileString,
        async (key, value) => {
          const built = await build('webex.moveUsers', 'userId,locationId\nu1,loc-1\n', [`${key}=${value}`]);
          if (built) locatedFields('webex.moveUsers', built);
        },
      ),
      FUZZ,
    );
  });
});
