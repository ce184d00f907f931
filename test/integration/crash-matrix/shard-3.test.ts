/** Shard 3 of the crash matrix (test/helpers/crash-matrix.ts): the operations at places 3, 3+5, … of OPERATION_IDS. */
import { describeCrashMatrixShard } from '../../helpers/crash-matrix';

describeCrashMatrixShard(3);
