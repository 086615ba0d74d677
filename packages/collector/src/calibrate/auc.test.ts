import { describe, expect, it } from 'vitest';
import { rocAuc } from './auc.js';

/** Brute force over every positive/negative pair (ties count half). */
function pairwiseAuc(scores: number[], outcomes: boolean[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((p, i) => {
    if (!outcomes[i]) return;
    scores.forEach((q, j) => {
      if (outcomes[j]) return;
      pairs += 1;
      wins += p > q ? 1 : p === q ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('rocAuc', () => {
  it('is 1 for perfect separation and 0 for reversed', () => {
    expect(rocAuc([1, 2, 3, 4], [false, false, true, true]).auc).toBe(1);
    expect(rocAuc([1, 2, 3, 4], [true, true, false, false]).auc).toBe(0);
  });

  it('matches the pairwise definition with ties', () => {
    const scores = [5, 5, 3, 8, 1, 5, 9, 3, 3, 7, 2, 5];
    const outcomes = [true, false, false, true, false, true, true, true, false, false, false, true];
    expect(rocAuc(scores, outcomes).auc).toBeCloseTo(pairwiseAuc(scores, outcomes), 12);
  });

  it('gives DeLong standard error of a textbook example', () => {
    // Hanley & McNeil (1982) rating data, expanded: their AUC is 0.893; DeLong's SE on it is about 0.032.
    const counts: [number, number][] = [
      [33, 3],
      [6, 2],
      [6, 2],
      [11, 11],
      [2, 33],
    ];
    const scores: number[] = [];
    const outcomes: boolean[] = [];
    counts.forEach(([normal, abnormal], rating) => {
      for (let i = 0; i < normal + abnormal; i++) {
        scores.push(rating);
        outcomes.push(i >= normal);
      }
    });
    const r = rocAuc(scores, outcomes);
    expect(r.auc).toBeCloseTo(0.8932, 3);
    expect(r.se).toBeGreaterThan(0.025);
    expect(r.se).toBeLessThan(0.04);
    expect(r.ci?.[0]).toBeCloseTo((r.auc as number) - 1.959964 * (r.se as number), 9);
  });

  it('is null when a class is empty', () => {
    expect(rocAuc([1, 2], [true, true])).toEqual({ auc: null, se: null, ci: null, positives: 2, negatives: 0 });
  });
});
