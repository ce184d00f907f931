/** Lints source snippets as if they were files of this project, with the project's ESLint config. */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const CHILD = join(ROOT, 'test', 'helpers', 'lint-child.ts');

export interface Snippet {
  /**
   * A file of the project, relative to its root, that the snippet stands in for: the rules under test match on its
   * path. The snippet replaces its content for this lint only; nothing is written.
   */
  readonly filePath: string;
  readonly code: string;
}

export interface LintRequest {
  /** The rules to run; all others are filtered out. */
  readonly rules: readonly string[];
  readonly snippets: readonly Snippet[];
}

export interface LintMessage {
  readonly ruleId: string | null;
  readonly message: string;
}

export interface LintedSnippet extends Snippet {
  readonly messages: readonly LintMessage[];
}

/**
 * Lints every snippet in one child process (one ESLint instance, parsing without types). Thrown when the child fails,
 * with its stderr.
 */
export function lintSnippets(request: LintRequest): Promise<LintedSnippet[]> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', CHILD], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(JSON.stringify(request));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) done(JSON.parse(stdout) as LintedSnippet[]);
      else fail(new Error(`lint child exited with ${code}:\n${stderr}`));
    });
  });
}
