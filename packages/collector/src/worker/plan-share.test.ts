import { describe, expect, it } from 'vitest';
import { planShare } from './plan-share.js';

describe('planShare', () => {
  it('takes up to the fair share of free partitions', () => {
    const plan = planShare({ partitions: 4, workers: ['a', 'b'], self: 'a', holders: new Map([[0, 'b']]), mine: [] });
    expect(plan).toEqual({ take: [1, 2], release: [] });
  });

  it('never takes a partition another worker holds', () => {
    const holders = new Map([
      [0, 'b'],
      [1, 'b'],
      [2, 'b'],
    ]);
    const plan = planShare({ partitions: 4, workers: ['a', 'b'], self: 'a', holders, mine: [] });
    expect(plan.take).toEqual([3]);
  });

  it('hands back its highest partitions when more workers share them', () => {
    const mine = [0, 1, 2, 3, 4, 5, 6, 7];
    const holders = new Map(mine.map((p) => [p, 'a'] as const));
    const plan = planShare({ partitions: 8, workers: ['a', 'b', 'c'], self: 'a', holders, mine });
    expect(plan).toEqual({ take: [], release: [7, 6, 5, 4, 3] });
  });

  it('splits 16 partitions between three workers with nobody over the share', () => {
    const holders = new Map<number, string>();
    const owned: Record<string, number[]> = { a: [], b: [], c: [] };
    for (const self of ['a', 'b', 'c']) {
      const { take } = planShare({ partitions: 16, workers: ['a', 'b', 'c'], self, holders, mine: owned[self]! });
      for (const p of take) holders.set(p, self);
      owned[self]!.push(...take);
    }
    expect(holders.size).toBe(16);
    expect(Object.values(owned).map((l) => l.length)).toEqual([6, 6, 4]);
  });
});
