/** The crash matrix (test/helpers/crash-matrix.ts) of zoho.invitePortalUsers. */
import { describeCrashMatrix } from '../../helpers/crash-matrix';

describeCrashMatrix('zoho.invitePortalUsers');
