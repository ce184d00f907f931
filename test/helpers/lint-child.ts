/**
 * Lints snippets with ESLint's Node API and the project's own eslint.config.mjs, as a child process of the lint
 * tests: ESLint loads its flat config with a dynamic `import()`, which jest's module sandbox refuses. Reads a
 * {@link LintRequest} as JSON on stdin and writes one {@link LintedSnippet} per snippet as JSON on stdout.
 */
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import type { LintedSnippet, LintRequest } from './lint-snippets';

const ROOT = resolve(__dirname, '..', '..');

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

async function main(): Promise<void> {
  const request = JSON.parse(await readStdin()) as LintRequest;
  const rules = new Set(request.rules);
  // Only the rules under test run; parsing still goes through the project service, as in `npx eslint .`.
  const eslint = new ESLint({ cwd: ROOT, ruleFilter: ({ ruleId }) => rules.has(ruleId) });
  const linted: LintedSnippet[] = [];
  for (const snippet of request.snippets) {
    const [result] = await eslint.lintText(snippet.code, { filePath: resolve(ROOT, snippet.filePath) });
    const messages = (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }));
    linted.push({ ...snippet, messages });
  }
  process.stdout.write(JSON.stringify(linted));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
