/**
 * Every registered simulator's configuration schema is a strict object with no defaults that spreads the progression
 * fields, and every simulator answers a bad configuration the same way: 400 with `{ message }`, zod's readable
 * rendering of what is wrong and where (the control API's one format, as for a bad fault).
 */
import { z } from 'zod';
import { OPERATION_IDS } from '../../../src/domain/job';
import { startSimulator, type SimulatorServer } from '../../../src/simulator';
import { createAllSimulators, createSimulator } from '../../../src/simulator-registry';
import { simControlPath } from '../../../src/simulator/operation-simulator';
import { ProgressionConfigShape } from '../../../src/simulator/progression';

/** Every `default` (and `prefault`) in a JSON schema, by the path of the object that declares it. */
function defaultsIn(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((child, i) => defaultsIn(child, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  const own = 'default' in node ? [path] : [];
  return [...own, ...Object.entries(node).flatMap(([key, child]) => defaultsIn(child, `${path}.${key}`))];
}

describe.each(OPERATION_IDS)('the configuration schema of the %s simulator', (operation) => {
  const schema = createSimulator(operation).configSchema;

  it('is a strict object: an unknown field is refused, never dropped', () => {
    expect(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })).toMatchObject({
      type: 'object',
      additionalProperties: false,
    });
  });

  it('has no defaults, at any depth: a configuration is what was given, and the simulator fills in at use', () => {
    expect(defaultsIn(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }))).toEqual([]);
    expect(schema.parse({})).toEqual({});
  });

  it('spreads ProgressionConfigShape, so `pollsToComplete` and `durationMs` mean the same everywhere', () => {
    const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    const progression: Record<string, unknown> = ProgressionConfigShape;
    expect(Object.keys(progression).filter((key) => shape[key] !== progression[key])).toEqual([]);
  });
});

describe.each(OPERATION_IDS)('the %s simulator', (operation) => {
  let server: SimulatorServer;
  beforeAll(async () => {
    server = await startSimulator({ simulators: createAllSimulators() });
  });
  afterAll(async () => {
    await server.close();
  });

  const postConfig = async (body: unknown): Promise<{ status: number; message: string }> => {
    const res = await fetch(`${server.url}${simControlPath(operation)}/config`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return { status: res.status, message: ((await res.json()) as { message: string }).message };
  };

  it('answers a configuration with an unknown field 400, naming the field, and keeps its configuration', async () => {
    const before = await (await fetch(`${server.url}${simControlPath(operation)}/config`)).json();
    const answer = await postConfig({ pollsToComplete: 2, pollsToCompletion: 2 });
    expect(answer).toEqual({ status: 400, message: '✖ Unrecognized key: "pollsToCompletion"' });
    expect(await (await fetch(`${server.url}${simControlPath(operation)}/config`)).json()).toEqual(before);
  });

  it('answers a configuration with an invalid value 400, naming the field', async () => {
    expect(await postConfig({ pollsToComplete: 0 })).toEqual({
      status: 400,
      message: expect.stringMatching(/^✖ .*\n {2}→ at pollsToComplete$/),
    });
  });

  it('takes a valid configuration and answers it', async () => {
    const res = await fetch(`${server.url}${simControlPath(operation)}/config`, {
      method: 'POST',
      body: JSON.stringify({ durationMs: 10 }),
    });
    expect([res.status, await res.json()]).toEqual([200, { durationMs: 10 }]);
  });
});
