/** Renders benchmark tables as GitHub-flavoured Markdown (printed to the terminal and pasted into the docs). */

export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Lines printed under the table (units, what was extrapolated or capped). */
  readonly notes?: readonly string[];
}

function escapeCell(cell: string): string {
  return cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * A Markdown table with columns padded to equal width. Rows shorter than the header are padded with empty cells.
 * Thrown when a row has more cells than there are columns.
 */
export function renderTable(table: Table): string {
  const width = table.columns.length;
  for (const row of table.rows) {
    if (row.length > width) throw new RangeError(`row has ${row.length} cells, table "${table.title}" has ${width}`);
  }
  const cells = [table.columns, ...table.rows].map((row) =>
    Array.from({ length: width }, (_, i) => escapeCell(row[i] ?? '')),
  );
  const widths = Array.from({ length: width }, (_, i) => Math.max(3, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row: readonly string[]): string => `| ${row.map((c, i) => c.padEnd(widths[i] ?? 3)).join(' | ')} |`;
  const [header, ...body] = cells;
  const out = [`### ${table.title}`, '', line(header ?? []), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`];
  out.push(...body.map(line));
  if (table.notes?.length) out.push('', ...table.notes.map((n) => `- ${n}`));
  return out.join('\n');
}
