import { describe, expect, it } from 'vitest';
import { assignVariant, fnv1a32, hashBucket } from './assign.js';
import type { Nudge, NudgeVariant } from './model.js';

function nudge(id: string, weights: number[], extra: Partial<Nudge> = {}): Nudge {
  const variants: NudgeVariant[] = weights.map((weight, i) => ({
    id: `v${i}`,
    weight,
    content: i === 0 ? null : { title: `Variant ${i}` },
  }));
  return { id, placement: 'banner', trigger: {}, variants, goal: { event: 'Goal', withinDays: 7 }, ...extra };
}

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes UTF-16 code units, not UTF-8 bytes', () => {
    // One code unit 0x20AC (not the UTF-8 bytes E2 82 AC): (offset ^ 0x20AC) × prime mod 2³².
    expect(fnv1a32('€')).toBe(Number((BigInt((0x811c9dc5 ^ 0x20ac) >>> 0) * 0x01000193n) % 2n ** 32n));
  });

  it('is unsigned', () => {
    for (const s of ['x', 'seed', 'user-123', '😀']) expect(fnv1a32(s)).toBeGreaterThanOrEqual(0);
  });
});

describe('hashBucket (GrowthBook hash v2)', () => {
  it.each([
    ['seed', 'a', 0.0505],
    ['foo', 'ab', 0.2575],
    ['foo', 'def', 0.2019],
    // From GrowthBook's sdk-js test/cases.json (hashVersion 2).
    ['feature-exp', 'i123', 0.9943],
    ['feature-exp', 'd123', 0.6468],
    ['experiment', '1', 0.4413],
    ['holdout', '1', 0.8043],
  ])('(%j, %j) → %d', (seed, value, bucket) => {
    expect(hashBucket(seed, value)).toBe(bucket);
  });

  it('stays in [0, 1) with 4 decimals', () => {
    for (let i = 0; i < 1000; i++) {
      const b = hashBucket('nudge', `user-${i}`);
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(1);
      expect(Math.round(b * 10000) / 10000).toBe(b);
    }
  });
});

describe('assignVariant', () => {
  // hashBucket('seed', 'a') = 0.0505, hashBucket('foo', 'ab') = 0.2575.
  it('gives the variant whose cumulative range holds the bucket', () => {
    expect(assignVariant(nudge('seed', [0.05, 0.95]), 'a')?.id).toBe('v1');
    expect(assignVariant(nudge('seed', [0.06, 0.94]), 'a')?.id).toBe('v0');
  });

  it('starts each range at the cumulative weight before it', () => {
    expect(assignVariant(nudge('foo', [0.25, 0.75]), 'ab')?.id).toBe('v1');
    expect(assignVariant(nudge('foo', [0.2, 0.05, 0.75]), 'ab')?.id).toBe('v2');
    expect(assignVariant(nudge('foo', [0.2, 0.06, 0.74]), 'ab')?.id).toBe('v1');
  });

  it('normalises weights that do not add up to 1', () => {
    // [1, 3] → ranges [0, 0.25) and [0.25, 1).
    expect(assignVariant(nudge('foo', [1, 3]), 'ab')?.id).toBe('v1');
    expect(assignVariant(nudge('foo', [26, 74]), 'ab')?.id).toBe('v0');
  });

  it('never assigns a variant of weight 0', () => {
    for (let i = 0; i < 500; i++) expect(assignVariant(nudge('n', [0, 1, 0]), `u${i}`)?.id).toBe('v1');
  });

  it('is deterministic', () => {
    const n = nudge('invite-nudge', [0.5, 0.5]);
    expect(assignVariant(n, 'user-42')).toBe(assignVariant(n, 'user-42'));
  });

  it('assigns nothing while paused', () => {
    expect(assignVariant(nudge('seed', [0.5, 0.5], { status: 'paused' }), 'a')).toBeNull();
  });

  it('gives everyone the winner once concluded', () => {
    const n = nudge('seed', [0.5, 0.5], { status: 'concluded', winner: 'v0' });
    for (const key of ['a', 'b', 'c', 'd']) expect(assignVariant(n, key)?.id).toBe('v0');
  });

  it('assigns nothing when concluded without a known winner', () => {
    expect(assignVariant(nudge('seed', [0.5, 0.5], { status: 'concluded', winner: 'gone' }), 'a')).toBeNull();
  });

  it('assigns nothing when all weights are 0', () => {
    expect(assignVariant(nudge('seed', [0, 0]), 'a')).toBeNull();
  });

  it('splits 10,000 users close to the weights', () => {
    const counts = new Map<string, number>();
    const n = nudge('invite-nudge', [0.2, 0.3, 0.5]);
    for (let i = 0; i < 10_000; i++) {
      const id = assignVariant(n, `user-${i}`)?.id ?? 'none';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    // ±4 standard deviations of a binomial(10,000, p).
    expect(counts.get('v0')).toBeGreaterThan(2000 - 160);
    expect(counts.get('v0')).toBeLessThan(2000 + 160);
    expect(counts.get('v1')).toBeGreaterThan(3000 - 184);
    expect(counts.get('v1')).toBeLessThan(3000 + 184);
    expect(counts.get('v2')).toBeGreaterThan(5000 - 200);
    expect(counts.get('v2')).toBeLessThan(5000 + 200);
    expect(counts.get('none')).toBeUndefined();
  });

  it('assigns independently across nudges', () => {
    const a = nudge('nudge-a', [0.5, 0.5]);
    const b = nudge('nudge-b', [0.5, 0.5]);
    let same = 0;
    for (let i = 0; i < 10_000; i++) if (assignVariant(a, `u${i}`)?.id === assignVariant(b, `u${i}`)?.id) same++;
    expect(same).toBeGreaterThan(5000 - 200);
    expect(same).toBeLessThan(5000 + 200);
  });
});
