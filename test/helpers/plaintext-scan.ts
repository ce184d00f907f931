/**
 * Looks for values in every byte of a set of files: as written (UTF-8), and base64-encoded at each of the three
 * alignments a value can have inside a longer base64 string (proto JSON, claim-check blobs, logs of payloads).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The byte strings that show `value` in a file: itself, and the stable middle of its base64 at offsets 0, 1, 2. */
export function needlesOf(value: string): Buffer[] {
  const bytes = Buffer.from(value, 'utf8');
  const encoded = [0, 1, 2].map((offset) => {
    const text = Buffer.concat([Buffer.alloc(offset, 0x20), bytes]).toString('base64');
    // The first group mixes in the padding bytes, the last may be cut short: neither is stable.
    return Buffer.from(text.slice(offset === 0 ? 0 : 4, -4), 'utf8');
  });
  return [bytes, ...encoded];
}

/** Every file under `dirs` (and the `files`), recursively. */
export function filesUnder(dirs: readonly string[], files: readonly string[] = []): string[] {
  const found = dirs.flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isFile()),
  );
  return [...found, ...files];
}

export interface Hit {
  readonly file: string;
  readonly value: string;
  /** Up to 200 bytes around the first occurrence, to tell where it came from. */
  readonly context: string;
}

/** Where any of `values` shows in any of `files`. */
export function findValues(files: readonly string[], values: readonly string[]): Hit[] {
  return findValuesIn(
    files.map((file) => ({ name: file, content: readFileSync(file) })),
    values,
  );
}

/** Where any of `values` shows in any of `blobs` (bytes read from elsewhere, e.g. objects of a bucket). */
export function findValuesIn(blobs: readonly { name: string; content: Buffer }[], values: readonly string[]): Hit[] {
  const needles = values.map((value) => ({ value, needles: needlesOf(value) }));
  return blobs.flatMap(({ name, content }) =>
    needles.flatMap(({ value, needles: forms }) => {
      const at = forms.map((needle) => content.indexOf(needle)).find((index) => index >= 0);
      if (at === undefined) return [];
      return [{ file: name, value, context: content.subarray(Math.max(0, at - 100), at + 100).toString('latin1') }];
    }),
  );
}
