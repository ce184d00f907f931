/**
 * The contract the storm and soak checks rely on (docs/adding-an-operation.md#the-storm-contract), for every registered
 * operation: the users of its storm jobs are unique to the job, at least one of them fails at the simulator (every
 * user whose id contains `FAIL` does), and the simulator's ledger names each user by the item ref bulkflow plans for
 * it, as the items bulkflow collects do. The first storm job of each operation runs here against its simulator over
 * HTTP: plan, start each batch, poll it to the end, collect its items, then read the ledger.
 */
import { OPERATION_IDS } from '../../../src/domain/job';
import type { ItemOutcome, PlannedBatch, ProviderJobSnapshot } from '../../../src/domain/job';
import { getOperation } from '../../../src/providers/registry';
import { samplesOf } from '../../../src/simulator-registry';
import type { LedgerJob } from '../../../src/simulator/ledger';
import { startOperationHarness } from '../../helpers/operation-harness';
import type { OperationHarness } from '../../helpers/operation-harness';
import { STORM_SIMULATORS, inputRefs } from '../../helpers/storm-jobs';

/** Status reads a storm job may need at most (storm configurations complete on the 3rd or 4th). */
const MAX_POLLS = 20;

describe.each(OPERATION_IDS)('the storm jobs of %s', (id) => {
  const operation = getOperation(id);
  const storm = samplesOf(id).storm;
  let harness: OperationHarness<typeof id>;
  let batches: PlannedBatch[];
  let collected: ItemOutcome[];
  let ledger: LedgerJob[];

  /** Runs one batch as the activities would, without faults: its provider job's collected items. */
  async function runBatch(batch: PlannedBatch): Promise<ItemOutcome[]> {
    const started = await operation.start(harness.ctx, batch, {
      idempotencyKey: `contract/${batch.index}`,
      dryRun: false,
    });
    if (started.kind !== 'started') throw new Error(`batch ${batch.index} was not started: ${started.kind}`);
    let snapshot: ProviderJobSnapshot | undefined;
    for (let polls = 0; polls < MAX_POLLS && !snapshot; polls += 1) {
      const polled = (await operation.poll(harness.ctx, started.providerJobId, batch)).snapshot;
      if (polled.state !== 'running') snapshot = polled;
    }
    if (!snapshot) throw new Error(`batch ${batch.index} still running after ${MAX_POLLS} polls`);
    return (await operation.collectItems(harness.ctx, started.providerJobId, batch, snapshot)).items;
  }

  beforeAll(async () => {
    // The simulator as the storms configure it.
    harness = await startOperationHarness(id, { ...STORM_SIMULATORS.all, ...STORM_SIMULATORS[id] });
    batches = operation.plan(operation.inputSchema.parse(storm.input(1)));
    collected = [];
    for (const batch of batches) collected.push(...(await runBatch(batch)));
    ledger = harness.sim.ledger();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('gives every job users of its own, each listed once', () => {
    const [one, two] = [inputRefs(id, storm.input(1)), inputRefs(id, storm.input(2))];
    expect(new Set(one).size).toBe(one.length);
    expect(one.filter((ref) => two.includes(ref))).toEqual([]);
  });

  it('fails at least one user at the provider, and every user whose id contains FAIL', () => {
    const users = ledger.flatMap((job) => job.users);
    expect(users.filter((user) => user.outcome === 'failed').length).toBeGreaterThan(0);
    expect(users.filter((user) => user.ref.includes('FAIL') && user.outcome !== 'failed')).toEqual([]);
  });

  it("names each user in the provider's ledger by the item ref bulkflow planned, one provider job per batch", () => {
    expect(ledger.map((job) => job.finished)).toEqual(batches.map(() => true));
    const named = ledger.map((job) => job.users.map((user) => user.ref).sort());
    if (batches.every((batch) => batch.itemRefs.length === 0)) {
      // A whole tenant: bulkflow plans no refs, and the provider's report names the users.
      expect(named.map((refs) => refs.length > 0)).toEqual(batches.map(() => true));
    } else {
      expect(named).toEqual(batches.map((batch) => [...batch.itemRefs].sort()));
    }
  });

  it('collects each reported item with the ref and outcome the ledger gives it, every failure included', () => {
    const outcomes = new Map(ledger.flatMap((job) => job.users.map((user) => [user.ref, user.outcome] as const)));
    expect(collected.filter((item) => outcomes.get(item.ref) !== item.outcome)).toEqual([]);
    const failed = [...outcomes].filter(([, outcome]) => outcome === 'failed').map(([ref]) => ref);
    expect(failed.filter((ref) => !collected.some((item) => item.ref === ref))).toEqual([]);
  });
});
