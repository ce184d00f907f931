/**
 * The example inputs of examples/ and what `bulkflow schema` prints: each example starts a valid request of its
 * operation, through the CLI's own input reading and the request validation of every door.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { csvColumns } from '../../../src/csv-items';
import { buildInput } from '../../../src/cli/input-file';
import { inputJsonSchema, itemArrayFields } from '../../../src/csv-items';
import { csvLine, inputExample, schemaText } from '../../../src/cli/schema-text';
import { validateBulkJobRequest } from '../../../src/client';
import { OPERATION_IDS } from '../../../src/domain/job';
import { getOperation } from '../../../src/providers/registry';

const ROOT = join(__dirname, '..', '..', '..');
const EXAMPLES = join(ROOT, 'examples');
const noStdin = () => Promise.reject(new Error('no stdin'));

interface StartCommand {
  readonly operation: string;
  readonly input?: string;
  readonly set: string[];
  readonly itemsField?: string;
}

/** The `bulkflow start` commands of examples/README.md, their options read as the CLI reads them. */
function readmeCommands(): StartCommand[] {
  const lines = readFileSync(join(EXAMPLES, 'README.md'), 'utf8').split('\n');
  return lines
    .filter((line) => line.startsWith('bulkflow start '))
    .map((line) => {
      const [, , operation = '', ...args] = line.split(/\s+/);
      const value = (flag: string) => args[args.indexOf(flag) + 1];
      const set = args.flatMap((arg, i) => (args[i - 1] === '--set' ? [arg] : []));
      return {
        operation,
        set,
        ...(args.includes('--input') ? { input: join(ROOT, value('--input') ?? '') } : {}),
        ...(args.includes('--items-field') ? { itemsField: value('--items-field') } : {}),
      };
    });
}

async function validated(command: StartCommand) {
  const built = await buildInput(getOperation(command.operation), command, noStdin);
  return validateBulkJobRequest({ operation: command.operation, input: built.input });
}

describe('examples/', () => {
  const commands = readmeCommands();

  it('has one file per operation, each started by one command of its README', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f !== 'README.md');
    expect(files.map((f) => f.replace(/\.(csv|json)$/, '')).sort()).toEqual([...OPERATION_IDS].sort());
    expect(commands.map((c) => c.operation).sort()).toEqual([...OPERATION_IDS].sort());
    for (const c of commands)
      expect(c.input).toBe(join(EXAMPLES, files.find((f) => f.startsWith(`${c.operation}.`)) ?? '?'));
  });

  it.each(OPERATION_IDS)('starts a valid %s request from its example file, every row an item', async (operation) => {
    const command = commands.find((c) => c.operation === operation);
    if (!command?.input) throw new Error(`no command for ${operation}`);
    const request = await validated(command);
    expect(request.request.operation).toBe(operation);
    if (command.input.endsWith('.csv')) {
      const list = command.itemsField ?? itemArrayFields(inputJsonSchema(getOperation(operation)))[0] ?? '?';
      const rows = readFileSync(command.input, 'utf8').trim().split('\n').length - 1;
      expect((request.request.input as Record<string, unknown[]>)[list]).toHaveLength(rows);
    }
  });

  it('reads Oracle organization columns as the nested object, with no JSON in a cell', async () => {
    const command = commands.find((c) => c.operation === 'oracle.syncUsers');
    if (!command) throw new Error('no oracle command');
    const built = await buildInput(getOperation('oracle.syncUsers'), command, noStdin);
    expect(built.input['added']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          loginId: 'mvdberg',
          organization: { name: 'Harbor Works Construction', type: 'Contractor' },
          roles: [{ name: 'Project Manager' }],
        }),
      ]),
    );
  });
});

describe('bulkflow schema', () => {
  it.each(OPERATION_IDS)('gives %s an example row and --set fields that make a valid request', async (operation) => {
    const example = inputExample(getOperation(operation));
    const csv = example.itemsField ? `${csvLine(example.header)}\n${csvLine(example.row)}\n` : undefined;
    const built = await buildInput(
      getOperation(operation),
      {
        ...(csv ? { input: '-' } : {}),
        set: example.set.map(([name, value]) => `${name}=${value}`),
        ...(example.itemsFieldFlag ? { itemsField: example.itemsFieldFlag } : {}),
      },
      () => Promise.resolve(csv ?? ''),
    );
    expect(validateBulkJobRequest({ operation, input: built.input }).request.operation).toBe(operation);
  });

  it.each(OPERATION_IDS)('names every input field of %s and every column of its item lists', (operation) => {
    const text = schemaText(getOperation(operation));
    const schema = inputJsonSchema(getOperation(operation));
    const lists = itemArrayFields(schema);
    const names = [
      ...Object.keys(schema.properties ?? {}),
      ...lists.flatMap((list) => csvColumns(schema.properties?.[list]?.items).map((c) => c.name)),
    ];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(text).toMatch(new RegExp(`^  ${name.replace('.', '\\.')} `, 'm'));
    expect(text).toContain(`$ bulkflow start ${operation}`);
  });

  it('lists Oracle organization as flat columns, with the required one marked', () => {
    expect(schemaText(getOperation('oracle.syncUsers'))).toMatch(/organization\.name +yes +text/);
    expect(schemaText(getOperation('oracle.syncUsers'))).toContain('CSV columns of added[] and modified[]');
  });
});
