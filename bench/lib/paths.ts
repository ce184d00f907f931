/** Where the harness writes (git-ignored) and reads. */
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');
