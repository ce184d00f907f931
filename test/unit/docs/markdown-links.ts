/**
 * Relative links and heading anchors of Markdown files, read the way GitHub renders them: code blocks and code spans
 * hold no links, a heading's anchor is its text lower-cased with punctuation dropped and spaces turned into `-`, and a
 * repeated anchor gets `-1`, `-2`… in order.
 */
import { dirname, join, normalize } from 'node:path';

/** One link of a Markdown file: where it points, and on which line (1-based). */
export interface MarkdownLink {
  readonly target: string;
  readonly line: number;
}

/** A link that does not resolve: to a missing file or folder, or to an anchor the target does not have. */
export interface LinkProblem {
  readonly kind: 'file' | 'anchor';
  readonly line: number;
  readonly target: string;
}

/** What the checker may ask of a file system (the real one, or a fake in tests). */
export interface DocFiles {
  exists(path: string): boolean;
  read(path: string): string;
}

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;
const LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const CODE_SPAN = /(`+)(.+?)\1/g;
const SCHEME = /^[A-Za-z][A-Za-z\d+.-]*:/;

/** The lines of `markdown` outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let fenced = false;
  markdown.split('\n').forEach((text, index) => {
    if (FENCE.test(text)) fenced = !fenced;
    else if (!fenced) out.push({ text, line: index + 1 });
  });
  return out;
}

/** GitHub's anchor for a heading's Markdown text. */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every heading anchor of `markdown`, repeated ones numbered as GitHub numbers them. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(markdown)) {
    const heading = HEADING.exec(text)?.[1];
    if (heading === undefined) continue;
    const slug = githubSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Every link and image of `markdown` outside code, external ones included. */
export function markdownLinks(markdown: string): MarkdownLink[] {
  return proseLines(markdown).flatMap(({ text, line }) => {
    const prose = text.replace(CODE_SPAN, (span) => 'x'.repeat(span.length));
    return [...prose.matchAll(LINK)].flatMap((match) => (match[1] ? [{ target: match[1], line }] : []));
  });
}

/** The problems of the relative links of `file` (a path inside the repository). External links are not checked. */
export function linkProblems(file: string, files: DocFiles): LinkProblem[] {
  const problems: LinkProblem[] = [];
  for (const { target, line } of markdownLinks(files.read(file))) {
    if (SCHEME.test(target)) continue;
    const [rawPath = '', anchor] = target.split('#', 2);
    const path =
      rawPath === '' ? file : normalize(join(dirname(file), decodeURIComponent(rawPath))).replace(/\/+$/, '');
    if (!files.exists(path)) problems.push({ kind: 'file', line, target });
    else if (anchor !== undefined && path.endsWith('.md') && !headingAnchors(files.read(path)).has(anchor)) {
      problems.push({ kind: 'anchor', line, target });
    }
  }
  return problems;
}
