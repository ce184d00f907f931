/** Every operation simulator the project has, for the demo, the dev setup and integration tests. */
import {
  createFullStoryImportUsersSimulator,
  type FullStoryImportUsersSimConfig,
} from '../providers/fullstory-import-users/simulator';
import {
  createOracleSyncUsersSimulator,
  type OracleSyncUsersSimConfig,
} from '../providers/oracle-sync-users/simulator';
import {
  createWebexResendActivationEmailsSimulator,
  type WebexResendActivationEmailsSimConfig,
} from '../providers/webex-resend-activation-emails/simulator';
import { createWebexMoveUsersSimulator, type WebexMoveUsersSimConfig } from '../providers/webex-move-users/simulator';
import {
  createZohoInvitePortalUsersSimulator,
  type ZohoInvitePortalUsersSimConfig,
} from '../providers/zoho-invite-portal-users/simulator';
import type { OperationSimulator } from './types';

export interface AllSimulatorsOptions {
  readonly fullstoryImportUsers?: FullStoryImportUsersSimConfig;
  readonly oracleSyncUsers?: OracleSyncUsersSimConfig;
  readonly webexMoveUsers?: WebexMoveUsersSimConfig;
  readonly webexActivationEmails?: WebexResendActivationEmailsSimConfig;
  readonly zohoPortalInvite?: ZohoInvitePortalUsersSimConfig;
}

/** Creates one instance of each operation simulator. */
export function createAllSimulators(options: AllSimulatorsOptions = {}): OperationSimulator[] {
  return [
    createFullStoryImportUsersSimulator(options.fullstoryImportUsers),
    createOracleSyncUsersSimulator(options.oracleSyncUsers),
    createWebexMoveUsersSimulator(options.webexMoveUsers),
    createWebexResendActivationEmailsSimulator(options.webexActivationEmails),
    createZohoInvitePortalUsersSimulator(options.zohoPortalInvite),
  ];
}
