/** Sizes as error messages give them: `9.4 MiB (9,856,123 bytes)`, `more than 32.0 MiB`, `100,000 rows`. */
import type { MeasuredSize } from './errors';

const KIB = 1024;
const MIB = 1024 * KIB;

/** `n` with thousands separators: `100,000`. */
export const countText = (n: number): string => n.toLocaleString('en-US');

/** `bytes` in MiB (KiB below one MiB), and exactly: `2.0 MiB (2,097,152 bytes)`. */
export function bytesText(bytes: number): string {
  const rounded = bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${(bytes / KIB).toFixed(1)} KiB`;
  return `${rounded} (${countText(bytes)} bytes)`;
}

/** A measured size of bytes: exactly, or `more than` the limit when reading stopped past it. */
export function measuredBytesText(size: MeasuredSize, limit: number): string {
  return size.exact ? bytesText(size.value) : `more than ${bytesText(limit)}`;
}
