/** Every operation simulator the project has, for the demo, the dev setup and integration tests. */
import {
  createFullStoryImportUsersSimulator,
  type FullStoryImportUsersSimConfig,
} from '../providers/fullstory-import-users';
import { createOracleSyncUsersSimulator, type OracleSyncUsersSimConfig } from '../providers/oracle-sync-users';
import {
  createWebexActivationEmailsSimulator,
  type WebexActivationEmailsSimConfig,
} from '../providers/webex-activation-emails';
import { createWebexMoveUsersSimulator, type WebexMoveUsersSimConfig } from '../providers/webex-move-users';
import { createZohoPortalInviteSimulator, type ZohoPortalInviteSimConfig } from '../providers/zoho-portal-invite';
import type { OperationSimulator } from './types';

export interface AllSimulatorsOptions {
  readonly fullstoryImportUsers?: FullStoryImportUsersSimConfig;
  readonly oracleSyncUsers?: OracleSyncUsersSimConfig;
  readonly webexMoveUsers?: WebexMoveUsersSimConfig;
  readonly webexActivationEmails?: WebexActivationEmailsSimConfig;
  readonly zohoPortalInvite?: ZohoPortalInviteSimConfig;
}

/** Creates one instance of each operation simulator. */
export function createAllSimulators(options: AllSimulatorsOptions = {}): OperationSimulator[] {
  return [
    createFullStoryImportUsersSimulator(options.fullstoryImportUsers),
    createOracleSyncUsersSimulator(options.oracleSyncUsers),
    createWebexMoveUsersSimulator(options.webexMoveUsers),
    createWebexActivationEmailsSimulator(options.webexActivationEmails),
    createZohoPortalInviteSimulator(options.zohoPortalInvite),
  ];
}
