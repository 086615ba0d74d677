/**
 * A read-your-writes position: for each partition an ingest request wrote to,
 * the offset of its last record there. On the wire: `3:1042,7:1050`.
 *
 * @example
 * encodePosition(new Map([[3, 1042]])); // → '3:1042'
 */
export function encodePosition(positions: ReadonlyMap<number, number>): string {
  return [...positions]
    .sort((a, b) => a[0] - b[0])
    .map(([p, o]) => `${p}:${o}`)
    .join(',');
}

/**
 * Parses a position token; null when it is not one (the caller names the parameter).
 *
 * @example
 * decodePosition('3:1042,7:1050'); // → Map { 3 → 1042, 7 → 1050 }
 */
export function decodePosition(token: string, partitions: number): Map<number, number> | null {
  const out = new Map<number, number>();
  if (token.length > 4096) return null;
  for (const part of token.split(',')) {
    const m = /^(\d{1,6}):(\d{1,15})$/.exec(part);
    if (m === null) return null;
    const p = Number(m[1]);
    if (p >= partitions) return null;
    out.set(p, Math.max(out.get(p) ?? 0, Number(m[2])));
  }
  return out;
}
