/**
 * How an error names a CSV column. A header is the first line of whatever file `--input` was given, or of whatever
 * an API caller sent, which may be `/etc/shadow` or a token file: a header is quoted only when it is a field the
 * operation publishes, or a typo of one (at most two edits from a field name, so it holds nothing the schema does not
 * already say); any other column is named by its position.
 */

/** Edits (insert, delete, replace) between `a` and `b`, case-insensitive; stops counting above `max`. */
function distance(a: string, b: string, max: number): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const replace = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      row.push(Math.min(replace, (previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1));
    }
    previous = row;
  }
  return previous[y.length] ?? max + 1;
}

/** Most edits a header may be from a field name and still be quoted (and suggested). */
const MAX_TYPO_EDITS = 2;

/** The field `name` is a typo of (or, case aside, is), or `undefined`. */
export function nearestField(name: string, fields: readonly string[]): string | undefined {
  if (name.length === 0) return undefined;
  return fields.find((field) => distance(name, field, MAX_TYPO_EDITS) <= MAX_TYPO_EDITS);
}

/**
 * A column as an error names it: `column "phoneNumber"` for a field of the operation, `column 3 "phonenumber"` for a
 * typo of one, else `column 3`. `index` is 0-based.
 */
export function columnRef(name: string, index: number, fields: readonly string[]): string {
  if (fields.includes(name)) return `column ${JSON.stringify(name)}`;
  const near = nearestField(name, fields);
  return near === undefined ? `column ${index + 1}` : `column ${index + 1} ${JSON.stringify(name)}`;
}
