/**
 * Every documented example request body (`test/fixtures/providers/*-request.json`) works end to end: the bulkflow
 * input that carries the same users and fields is accepted, and the bodies bulkflow then sends to the provider's
 * simulator over HTTP, put back together across batches, equal the example value for value. Each operation's samples
 * name its example and how its input carries it.
 */
import { OPERATION_IDS } from '../../../src/domain/job';
import { getOperation } from '../../../src/providers/registry';
import { samplesOf } from '../../../src/simulator-registry';
import { fixtureNames, loadFixture } from '../../helpers/fixtures';
import { startOperationHarness } from '../../helpers/operation-harness';
import { recordingHttp } from '../../helpers/recording-http';

type Body = Record<string, unknown>;
type Json = Record<string, unknown>;

/** The documented example of each operation that has one (its samples' `documentedExample`), by fixture. */
const EXAMPLES = Object.fromEntries(
  OPERATION_IDS.flatMap((operation) => {
    const example = samplesOf(operation).documentedExample;
    return example ? [[example.fixture, { ...example, operation }] as const] : [];
  }),
);

describe('documented example requests', () => {
  it('covers every *-request.json fixture', () => {
    expect(fixtureNames('').filter((name) => name.endsWith('-request.json'))).toEqual(Object.keys(EXAMPLES).sort());
  });

  it.each(Object.entries(EXAMPLES))('%s: accepted as input, and sent as documented', async (name, example) => {
    const documented = loadFixture(name) as Json;
    const operation = getOperation(example.operation);
    const parsed = operation.inputSchema.safeParse(example.input(documented));
    expect(parsed.error).toBeUndefined();

    const harness = await startOperationHarness(example.operation);
    try {
      const { http, sent } = recordingHttp(harness.ctx.http);
      const ctx = { ...harness.ctx, http };
      for (const batch of operation.plan(parsed.data)) {
        const started = await operation.start(ctx, batch, { idempotencyKey: `example/${batch.index}`, dryRun: false });
        expect(started.kind).toBe('started');
      }
      const bodies = sent.filter((request) => request.method === 'POST').map((request) => request.json as Body);
      expect(example.unbatch(bodies)).toEqual(documented);
    } finally {
      await harness.close();
    }
  });
});
