/**
 * A seeded pseudo-random source (mulberry32), so `npm run seed` produces the same
 * population, and the same message ids, every time: re-running it is deduplicated
 * by the collector instead of doubling the data.
 *
 * @example
 * const rng = createRandom(42);
 * rng.chance(0.3); rng.int(1, 6); rng.pick(['a', 'b']); rng.uuid();
 */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    /** True with probability `p`. */
    chance: (p) => next() < p,
    /** A whole number in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    /** A number in [min, max). */
    between: (min, max) => min + next() * (max - min),
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Picks a key of `{ key: weight }` in proportion to its weight. */
    weighted: (weights) => {
      const entries = Object.entries(weights);
      let r = next() * entries.reduce((s, [, w]) => s + w, 0);
      for (const [key, w] of entries) if ((r -= w) < 0) return key;
      return entries[entries.length - 1][0];
    },
    /** A Poisson-distributed count with mean `lambda` (Knuth; fine for small means). */
    poisson: (lambda) => {
      const limit = Math.exp(-lambda);
      let k = 0;
      for (let p = next(); p > limit; p *= next()) k++;
      return k;
    },
    /** A log-normal value with the given median and spread (sigma of the log). */
    logNormal: (median, sigma) => {
      const u = Math.max(next(), Number.EPSILON);
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * z);
    },
    /** An RFC 4122 version-4-shaped id from this stream. */
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
      hex[12] = '4';
      hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
      const s = hex.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
  return rng;
}
