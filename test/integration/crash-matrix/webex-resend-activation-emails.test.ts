/** The crash matrix (test/helpers/crash-matrix.ts) of webex.resendActivationEmails. */
import { describeCrashMatrix } from '../../helpers/crash-matrix';

describeCrashMatrix('webex.resendActivationEmails');
