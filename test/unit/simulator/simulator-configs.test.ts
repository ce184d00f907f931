/**
 * Every registered simulator answers a bad configuration the same way: 400 with `{ message }`, zod's readable
 * rendering of what is wrong and where (the control API's one format, as for a bad fault).
 */
import { OPERATION_IDS } from '../../../src/domain/job';
import { startSimulator, type SimulatorServer } from '../../../src/simulator';
import { createAllSimulators } from '../../../src/simulator-registry';
import { simControlPath } from '../../../src/simulator/operation-simulator';

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
