/** The crash matrix (test/helpers/crash-matrix.ts) of webex.moveUsers. */
import { describeCrashMatrix } from '../../helpers/crash-matrix';

describeCrashMatrix('webex.moveUsers');
