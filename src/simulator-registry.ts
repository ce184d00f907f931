/**
 * Every operation simulator the project has, by operation id, for the demo, the dev stack and integration tests.
 * It sits above both the simulator core (src/simulator) and the operations' simulators (src/providers/<op>/simulator),
 * which build on the core: the core never imports its plug-ins.
 */
import { OPERATION_IDS, type OperationId } from './domain/job';
import { createFullStoryImportUsersSimulator } from './providers/fullstory-import-users/simulator';
import { createOracleSyncUsersSimulator } from './providers/oracle-sync-users/simulator';
import { createWebexMoveUsersSimulator } from './providers/webex-move-users/simulator';
import { createWebexResendActivationEmailsSimulator } from './providers/webex-resend-activation-emails/simulator';
import { createZohoInvitePortalUsersSimulator } from './providers/zoho-invite-portal-users/simulator';
import type { ProgressionConfig } from './simulator/progression';
import type { OperationSimulator } from './simulator/types';

/**
 * The simulator factory of every operation, one entry each. Every simulator's configuration takes the progression
 * fields (`pollsToComplete`, `durationMs`), so options common to all can be given once.
 */
export const simulatorFactories = {
  'fullstory.importUsers': createFullStoryImportUsersSimulator,
  'oracle.syncUsers': createOracleSyncUsersSimulator,
  'webex.moveUsers': createWebexMoveUsersSimulator,
  'webex.resendActivationEmails': createWebexResendActivationEmailsSimulator,
  'zoho.invitePortalUsers': createZohoInvitePortalUsersSimulator,
} satisfies Record<OperationId, (config?: ProgressionConfig) => OperationSimulator>;

type Factories = typeof simulatorFactories;
/** The configuration of the simulator of operation `Id`. */
export type SimConfigOf<Id extends OperationId> = NonNullable<Parameters<Factories[Id]>[0]>;
/** The simulator of operation `Id`, with its test hooks. */
export type SimulatorOf<Id extends OperationId> = ReturnType<Factories[Id]>;

/** The registry seen through a mapped type, so a lookup by a generic id keeps that id's config and simulator types. */
const factoriesById: { readonly [Id in OperationId]: (config?: SimConfigOf<Id>) => SimulatorOf<Id> } =
  simulatorFactories;

/** Configuration of each simulator, by operation id; `all` goes to every simulator, under its own entry. */
export type AllSimulatorsOptions = { readonly [Id in OperationId]?: SimConfigOf<Id> } & {
  readonly all?: ProgressionConfig;
};

/** Creates the simulator of `id` with `config`. Thrown when the configuration is invalid (ZodError). */
export function createSimulator<Id extends OperationId>(id: Id, config?: SimConfigOf<Id>): SimulatorOf<Id> {
  const factory: (config?: SimConfigOf<Id>) => SimulatorOf<Id> = factoriesById[id];
  return factory(config);
}

/** Creates one instance of each operation simulator, in `OPERATION_IDS` order. */
export function createAllSimulators(options: AllSimulatorsOptions = {}): OperationSimulator[] {
  return OPERATION_IDS.map((id) => createSimulator(id, { ...options.all, ...options[id] }));
}
