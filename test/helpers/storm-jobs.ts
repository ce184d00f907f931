/**
 * Inputs of the storm and soak jobs, from each operation's samples (`storm` in its simulator folder's `samples.ts`):
 * small jobs of a few batches whose users are unique across the whole run (the ledger check counts a user in two
 * provider jobs as done twice), a few of which the simulators fail.
 */
import { OPERATION_IDS } from '../../src/domain/job';
import type { OperationId, ProviderName } from '../../src/domain/job';
import { getOperation } from '../../src/providers/registry';
import { samplesOf } from '../../src/simulator-registry';
import type { AllSimulatorsOptions } from '../../src/simulator-registry';

/** Simulator settings for storms: quick jobs, and each operation's own storm settings. */
export const STORM_SIMULATORS: AllSimulatorsOptions = stormSimulators();

function stormSimulators(): AllSimulatorsOptions {
  const options: Record<string, unknown> = { all: { pollsToComplete: 3 } };
  for (const id of OPERATION_IDS) {
    const config = samplesOf(id).storm.simulator;
    if (config !== undefined) options[id] = config;
  }
  return options;
}

/** The input of job `tag` (unique in the run) of `operation`; each job has a user the simulator fails. */
export function jobInput(operation: OperationId, tag: number): unknown {
  return samplesOf(operation).storm.input(tag);
}

/** Connections to spread jobs over, by provider (`jobConnectionsEnv` in stack.ts names them). */
export type JobConnections = Readonly<Partial<Record<ProviderName, readonly string[]>>>;

/** The providers whose storm jobs each run on a connection (a tenant) of their own. */
export function connectionPerJobProviders(): ProviderName[] {
  const ids = OPERATION_IDS.filter((id) => samplesOf(id).storm.connectionPerJob === true);
  return [...new Set(ids.map((id) => getOperation(id).provider))];
}

/** The connection the job in `slot` runs on: the default one, or one of its provider's per-job connections. */
export function jobConnection(operation: OperationId, slot: number, connections: JobConnections): string {
  const names = connections[getOperation(operation).provider] ?? [];
  if (samplesOf(operation).storm.connectionPerJob !== true || names.length === 0) return 'default';
  return names[slot % names.length] ?? 'default';
}

/** The item refs bulkflow gives the users of `input`, as its plan names them (none for a whole-tenant job). */
export function inputRefs(operation: OperationId, input: unknown): string[] {
  const op = getOperation(operation);
  return op.plan(op.inputSchema.parse(input)).flatMap((batch) => batch.itemRefs);
}

/** True when `operation`'s jobs name no users (a whole org): only the provider's report lists them. */
export function isWholeTenant(operation: OperationId): boolean {
  return inputRefs(operation, jobInput(operation, 1)).length === 0;
}
