/** Protobuf scalars as history delivers them: int64s and timestamps, from the server or from JSON exports. */

/** Protobuf int64s arrive as Longs from the server and as numbers or strings from JSON exports. */
export function num(value: number | string | { toString(): string } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value.toString());
}

export interface Timestamp {
  readonly seconds?: number | string | { toString(): string } | null | undefined;
  readonly nanos?: number | null | undefined;
}

/** A protobuf timestamp as ISO 8601 (millisecond precision). */
export function isoOf(time: Timestamp | null | undefined): string {
  return new Date(num(time?.seconds) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6)).toISOString();
}
