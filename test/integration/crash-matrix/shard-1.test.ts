/** Shard 1 of the crash matrix (test/helpers/crash-matrix.ts): the operations at places 1, 1+5, … of OPERATION_IDS. */
import { describeCrashMatrixShard } from '../../helpers/crash-matrix';

describeCrashMatrixShard(1);
