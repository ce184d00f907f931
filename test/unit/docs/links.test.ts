import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { githubSlug, headingAnchors, linkProblems, markdownLinks } from './markdown-links';
import type { DocFiles } from './markdown-links';

const ROOT = join(__dirname, '..', '..', '..');

/** The repository's own documentation: README, every page of docs/, and the provider fixtures' index. */
const DOC_FILES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name)),
  join('test', 'fixtures', 'providers', 'README.md'),
];

const repository: DocFiles = {
  exists: (path) => existsSync(join(ROOT, path)),
  read: (path) => readFileSync(join(ROOT, path), 'utf8'),
};

function fakeFiles(files: Record<string, string>, folders: readonly string[] = []): DocFiles {
  return {
    exists: (path) => path in files || folders.includes(path),
    read: (path) => files[path] ?? '',
  };
}

describe('githubSlug', () => {
  it('lower-cases the heading and turns spaces into hyphens', () => {
    expect(githubSlug('Retry table')).toBe('retry-table');
  });

  it('drops punctuation and code marks but keeps hyphens and underscores', () => {
    expect(githubSlug('`webex.moveUsers` unconfirmed points')).toBe('webexmoveusers-unconfirmed-points');
    expect(githubSlug('Exactly one provider job per batch, or a loud stop')).toBe(
      'exactly-one-provider-job-per-batch-or-a-loud-stop',
    );
    expect(githubSlug('snake_case and kebab-case')).toBe('snake_case-and-kebab-case');
  });

  it('keeps the two spaces around a dropped dash as two hyphens', () => {
    expect(githubSlug('Scenario 1 — history cost')).toBe('scenario-1--history-cost');
  });

  it('reads the text of a link in a heading', () => {
    expect(githubSlug('See [the table](#x)')).toBe('see-the-table');
  });
});

describe('headingAnchors', () => {
  it('numbers a repeated heading as GitHub does', () => {
    expect([...headingAnchors('# Simulator\n\n## Simulator\n\n### Simulator\n')]).toEqual([
      'simulator',
      'simulator-1',
      'simulator-2',
    ]);
  });

  it('ignores lines starting with # inside a code block', () => {
    expect([...headingAnchors('# Title\n\n```sh\n# a comment\n```\n')]).toEqual(['title']);
  });
});

describe('markdownLinks', () => {
  it('finds links and images with their line numbers, code spans and code blocks excluded', () => {
    const markdown = 'See [a](a.md) and ![b](b.png).\n`[c](c.md)`\n```\n[d](d.md)\n```\n[`e`](e.md#x)\n';
    expect(markdownLinks(markdown)).toEqual([
      { target: 'a.md', line: 1 },
      { target: 'b.png', line: 1 },
      { target: 'e.md#x', line: 6 },
    ]);
  });
});

describe('linkProblems', () => {
  const files = fakeFiles(
    {
      'docs/a.md':
        '# A\n\n## Retry table\n\n[ok](b.md#b) [folder](../src/) [top](#retry-table) [web](https://x.test/y)\n',
      'docs/b.md': '# B\n\n[missing file](c.md) [missing anchor](a.md#nowhere) [missing here](#gone)\n',
    },
    ['src'],
  );

  it('accepts links to existing files, folders and headings, and skips external links', () => {
    expect(linkProblems('docs/a.md', files)).toEqual([]);
  });

  it('reports a missing file and an anchor that names no heading of its target', () => {
    expect(linkProblems('docs/b.md', files)).toEqual([
      { kind: 'file', line: 3, target: 'c.md' },
      { kind: 'anchor', line: 3, target: 'a.md#nowhere' },
      { kind: 'anchor', line: 3, target: '#gone' },
    ]);
  });
});

describe.each(DOC_FILES)('links of %s', (file) => {
  it('resolve to existing files and folders', () => {
    expect(linkProblems(file, repository).filter((p) => p.kind === 'file')).toEqual([]);
  });

  it('point at headings of their target', () => {
    expect(linkProblems(file, repository).filter((p) => p.kind === 'anchor')).toEqual([]);
  });
});
