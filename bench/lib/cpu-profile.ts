/** Summarizes a V8 `.cpuprofile` (from `node --cpu-prof`): the functions with the most self time. Pure. */

export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
}

export interface SelfTime {
  /** `functionName (file:line)`, with the file shortened to the part after node_modules/ or the project root. */
  readonly frame: string;
  readonly selfMs: number;
  /** Share of all samples, 0-1. */
  readonly share: number;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const src = url.search(/\/(src|bench)\//);
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '') || '(native)';
}

/** The `top` frames by self time, merging nodes of the same function and location. */
export function topSelfTime(profile: CpuProfile, top: number): SelfTime[] {
  const totalHits = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  if (totalHits === 0) return [];
  const msPerHit = (profile.endTime - profile.startTime) / 1000 / totalHits;
  const byFrame = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const frame = `${functionName || '(anonymous)'} (${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''})`;
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + (node.hitCount ?? 0));
  }
  return [...byFrame.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, hits]) => ({ frame, selfMs: hits * msPerHit, share: hits / totalHits }));
}
