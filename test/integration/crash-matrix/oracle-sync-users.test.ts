/** The crash matrix (test/helpers/crash-matrix.ts) of oracle.syncUsers. */
import { describeCrashMatrix } from '../../helpers/crash-matrix';

describeCrashMatrix('oracle.syncUsers');
