/**
 * The code explains itself through the repository's own documents: every `docs/<page>.md#<anchor>` named in a
 * comment of src/, test/, bench/ or the deployment files points at a heading that exists, and nothing points at
 * documents outside the repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { headingAnchors } from './markdown-links';

const ROOT = join(__dirname, '..', '..', '..');
const TRACKED = execFileSync(
  'git',
  ['ls-files', 'src', 'test', 'bench', 'scripts', 'docker-compose.yml', 'Dockerfile'],
  {
    cwd: ROOT,
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter((file) => /\.(ts|js|mjs|yml)$|Dockerfile$/.test(file));
const REFERENCE = /docs\/([a-z-]+\.md)#([a-z0-9_-]+)/g;

describe('references from code to docs/', () => {
  const references = TRACKED.flatMap((file) =>
    [...readFileSync(join(ROOT, file), 'utf8').matchAll(REFERENCE)].map((m) => ({
      file,
      doc: m[1] ?? '',
      anchor: m[2] ?? '',
    })),
  );

  it('exist (the code carries them)', () => {
    expect(references.length).toBeGreaterThan(50);
  });

  it('each name a heading of an existing page', () => {
    const anchors = new Map<string, Set<string>>();
    const broken = references.filter(({ doc, anchor }) => {
      const path = join(ROOT, 'docs', doc);
      if (!existsSync(path)) return true;
      if (!anchors.has(doc)) anchors.set(doc, headingAnchors(readFileSync(path, 'utf8')));
      return !anchors.get(doc)?.has(anchor);
    });
    expect(broken).toEqual([]);
  });
});
