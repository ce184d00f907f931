/** Every operation simulator the project has, for the demo, the dev setup and integration tests. */
import { createWebexMoveUsersSimulator, type WebexMoveUsersSimConfig } from '../providers/webex-move-users';
import type { OperationSimulator } from './types';

export interface AllSimulatorsOptions {
  readonly webexMoveUsers?: WebexMoveUsersSimConfig;
}

/** Creates one instance of each operation simulator (today: Webex Move Users). */
export function createAllSimulators(options: AllSimulatorsOptions = {}): OperationSimulator[] {
  return [createWebexMoveUsersSimulator(options.webexMoveUsers)];
}
