/**
 * Every operation simulator the project has, with the operation's test data, by operation id: for the demo, the dev
 * stack, the simulator process and the tests. It sits above both the simulator core (src/simulator) and the
 * operations' simulators (src/providers/<op>/simulator), which build on the core: the core never imports its plug-ins.
 */
import { OPERATION_IDS, type OperationId } from './domain/job';
import { fullstoryImportUsersSimulation } from './providers/fullstory-import-users/simulator';
import { oracleSyncUsersSimulation } from './providers/oracle-sync-users/simulator';
import { webexMoveUsersSimulation } from './providers/webex-move-users/simulator';
import { webexResendActivationEmailsSimulation } from './providers/webex-resend-activation-emails/simulator';
import { zohoInvitePortalUsersSimulation } from './providers/zoho-invite-portal-users/simulator';
import type { ProgressionConfig } from './simulator/progression';
import type { OperationSamples } from './simulator/samples';
import type { OperationSimulator } from './simulator/types';

/** An operation's simulator factory and its test data (`simulator/samples.ts` in the operation's folder). */
export interface Simulation {
  /** Every simulator's configuration takes the progression fields, so options common to all can be given once. */
  readonly create: (config?: ProgressionConfig) => OperationSimulator;
  readonly samples: OperationSamples<unknown, unknown>;
}

/** The simulation of every operation, one entry each: a missing or unknown id is a compile error. */
export const simulations = {
  'fullstory.importUsers': fullstoryImportUsersSimulation,
  'oracle.syncUsers': oracleSyncUsersSimulation,
  'webex.moveUsers': webexMoveUsersSimulation,
  'webex.resendActivationEmails': webexResendActivationEmailsSimulation,
  'zoho.invitePortalUsers': zohoInvitePortalUsersSimulation,
} as const satisfies Readonly<Record<OperationId, Simulation>>;

type Simulations = typeof simulations;
/** The configuration of the simulator of operation `Id`. */
export type SimConfigOf<Id extends OperationId> = NonNullable<Parameters<Simulations[Id]['create']>[0]>;
/** The simulator of operation `Id`, with its test hooks. */
export type SimulatorOf<Id extends OperationId> = ReturnType<Simulations[Id]['create']>;
/** The test data of operation `Id`. */
export type SamplesOf<Id extends OperationId> = Simulations[Id]['samples'];

/** The registry seen through a mapped type, so a lookup by a generic id keeps that id's types. */
const byId: {
  readonly [Id in OperationId]: {
    readonly create: (config?: SimConfigOf<Id>) => SimulatorOf<Id>;
    readonly samples: SamplesOf<Id>;
  };
} = simulations;

/** Configuration of each simulator, by operation id; `all` goes to every simulator, under its own entry. */
export type AllSimulatorsOptions = { readonly [Id in OperationId]?: SimConfigOf<Id> } & {
  readonly all?: ProgressionConfig;
};

/** Creates the simulator of `id` with `config`. Thrown when the configuration is invalid (ZodError). */
export function createSimulator<Id extends OperationId>(id: Id, config?: SimConfigOf<Id>): SimulatorOf<Id> {
  const factory: (config?: SimConfigOf<Id>) => SimulatorOf<Id> = byId[id].create;
  return factory(config);
}

/** Creates one instance of each operation simulator, in `OPERATION_IDS` order. */
export function createAllSimulators(options: AllSimulatorsOptions = {}): OperationSimulator[] {
  return OPERATION_IDS.map((id) => createSimulator(id, { ...options.all, ...options[id] }));
}

/** The test data of operation `id`. */
export function samplesOf<Id extends OperationId>(id: Id): SamplesOf<Id> {
  return byId[id].samples;
}
