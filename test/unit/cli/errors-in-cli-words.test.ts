/**
 * `bulkflow start` and `bulkflow list` refusals in the command line's words: the flag, file, row and column the
 * user typed, and what would be accepted; never the API's field names. Nothing connects: each is refused first.
 */
import { runCliInProcess } from '../../helpers/cli-in-process';
import { scratchFiles } from '../../helpers/scratch-files';

const { file } = scratchFiles('bulkflow-cli-words-');

/** Runs `bulkflow <args>` and returns what it printed on stderr for the error it ended with. */
async function stderrOf(...args: string[]): Promise<string> {
  // No Temporal address that answers: a command that got as far as connecting would fail differently.
  const run = await runCliInProcess({ TEMPORAL_ADDRESS: '127.0.0.1:1' }, args);
  if (run.code === 0) throw new Error(`expected bulkflow ${args.join(' ')} to fail`);
  return run.stderr;
}

describe('bulkflow start: errors name what the user typed', () => {
  it('without --input, asks for it and says which columns a CSV takes', async () => {
    const printed = await stderrOf('start', 'webex.moveUsers');
    expect(printed).toBe(
      'error: invalid request\n' +
        '  --input: is required: a CSV file of users (columns userId, locationId; optional phoneNumber, extension),' +
        ' or a JSON file of the input object\n',
    );
  });

  it('names a missing top-level field as the --set that gives it', async () => {
    const printed = await stderrOf('start', 'webex.resendActivationEmails');
    expect(printed).toContain('  --set orgId: is required: give --set orgId=…\n');
  });

  it('reports a CSV without a required column once, on line 1, not once per row', async () => {
    const csv = file('no-location.csv', 'userId\nu1\nu2\nu3\n');
    const printed = await stderrOf('start', 'webex.moveUsers', '--input', csv);
    expect(printed).toBe(
      'error: invalid request\n' +
        `  ${csv}: line 1: no column "locationId", which every row needs` +
        ' (columns userId, locationId; optional phoneNumber, extension)\n',
    );
  });

  it('names a formula cell by row and column, the rule being the one every door applies', async () => {
    const csv = file('formula.csv', 'userId,locationId\nu1,l1\nu2,"=HYPERLINK(""http://x"")"\n');
    const printed = await stderrOf('start', 'webex.moveUsers', '--input', csv);
    expect(printed).toContain(`  ${csv}: row 2 (line 3), column "locationId": starts like a spreadsheet formula`);
    expect(printed).not.toContain('HYPERLINK');
  });

  it('applies the same formula-cell rule to a JSON input, naming the file and the field', async () => {
    const json = file('formula.json', '{"users":[{"userId":"u1","locationId":"@SUM(A1)"}]}');
    const printed = await stderrOf('start', 'webex.moveUsers', '--input', json);
    expect(printed).toContain(`  ${json}: users[0].locationId: starts like a spreadsheet formula`);
  });

  it('names a field of a JSON input by the file and its path in it', async () => {
    const json = file('users.json', '{"users":[{"userId":"u1","locationId":"l1","phoneNumber":"555"}]}');
    const printed = await stderrOf('start', 'webex.moveUsers', '--input', json);
    expect(printed).toContain(`  ${json}: users[0].phoneNumber: phoneNumber must be E.164`);
  });

  it("names the request's own fields as their flags, and checks the idempotency key before connecting", async () => {
    const csv = file('one.csv', 'userId,locationId\nu1,l1\n');
    const printed = await stderrOf(
      'start',
      'webex.moveUsers',
      '-i',
      csv,
      '--connection',
      'a/b',
      '--callback-url',
      'ftp://x',
    );
    expect(printed).toContain('  --connection: must be 1-100 letters');
    expect(printed).toContain('  --callback-url: ');
    expect(printed).not.toMatch(/^ {2}(connection|callbackUrl):/m);
    const key = await stderrOf('start', 'webex.moveUsers', '-i', csv, '-k', 'no spaces');
    expect(key).toContain('  --idempotency-key: must be 1-200 characters');
  });

  it('lists at most 100 problems of a long CSV, then how many more', async () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => `u${i},l,555`).join('\n');
    const csv = file('bad-phones.csv', `userId,locationId,phoneNumber\n${rows}\n`);
    const lines = (await stderrOf('start', 'webex.moveUsers', '--input', csv)).trimEnd().split('\n');
    expect(lines).toHaveLength(102);
    expect(lines[1]).toContain(`${csv}: row 1 (line 2), column "phoneNumber"`);
    expect(lines[101]).toBe('  … and maybe more: validation stopped after the first 100');
  });
});

describe('bulkflow list: errors name the flag, not the API field', () => {
  it('--since yesterday: says what a date-time looks like and what it got', async () => {
    const printed = await stderrOf('list', '--since', 'yesterday');
    expect(printed).toBe(
      "error: invalid request\n  --since: expected an ISO date-time like 2026-12-01T00:00:00Z, got 'yesterday'\n",
    );
  });

  it('--until and --limit are named as typed', async () => {
    const printed = await stderrOf('list', '--until', 'soon', '--limit', 'lots');
    expect(printed).toContain("  --until: expected an ISO date-time like 2026-12-01T00:00:00Z, got 'soon'\n");
    expect(printed).toContain("  --limit: expected a whole number from 1 to 1000, got 'lots'\n");
    expect(printed).not.toMatch(/startedBefore|startedAfter/);
  });
});
