import type { Nudge, NudgeVariant } from './model.js';

/**
 * 32-bit FNV-1a over UTF-16 code units (as GrowthBook hashes), unsigned.
 *
 * @example
 * fnv1a32(''); // → 2166136261
 */
export function fnv1a32(input: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * GrowthBook hash v2: a stable bucket in [0, 1) with 4 decimals,
 * `(fnv(String(fnv(seed + value))) % 10000) / 10000`.
 *
 * @example
 * hashBucket('seed', 'a'); // → 0.0505
 */
export function hashBucket(seed: string, value: string): number {
  return (fnv1a32(String(fnv1a32(seed + value))) % 10000) / 10000;
}

/**
 * The variant a user gets: deterministic from `nudge.id` and the user key, with
 * variants taking cumulative ranges of their (normalised) weights. A draft, paused or
 * stopped experiment assigns nothing (`null`); a concluded one gives everyone the winner.
 *
 * @example
 * assignVariant(nudge, 'user-42')?.id; // → 'social'
 */
export function assignVariant(nudge: Nudge, userKey: string): NudgeVariant | null {
  const { status, variants } = nudge;
  if (status === 'concluded') return variants.find((v) => v.id === nudge.winner) ?? null;
  if (status && status !== 'running') return null;
  const total = variants.reduce((s, v) => s + v.weight, 0);
  if (!(total > 0)) return null;
  const bucket = hashBucket(nudge.id, userKey);
  let upper = 0;
  // The last variant when rounding leaves the sum of the shares just below the bucket.
  return variants.find((v) => bucket < (upper += v.weight / total)) ?? variants.at(-1) ?? null;
}
