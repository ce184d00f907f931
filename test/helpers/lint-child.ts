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
  // Only the rules under test run, and none of them needs types: the snippets are parsed without a TypeScript
  // program (building one for the project service took most of the test's time), with the config otherwise as is.
  const eslint = new ESLint({
    cwd: ROOT,
    ruleFilter: ({ ruleId }) => rules.has(ruleId),
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  });
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
