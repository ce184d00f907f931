/** The crash matrix (test/helpers/crash-matrix.ts) of fullstory.importUsers. */
import { describeCrashMatrix } from '../../helpers/crash-matrix';

describeCrashMatrix('fullstory.importUsers');
