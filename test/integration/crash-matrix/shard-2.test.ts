/** Shard 2 of the crash matrix (test/helpers/crash-matrix.ts): the operations at places 2, 2+5, … of OPERATION_IDS. */
import { describeCrashMatrixShard } from '../../helpers/crash-matrix';

describeCrashMatrixShard(2);
