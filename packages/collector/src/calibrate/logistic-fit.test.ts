import { describe, expect, it } from 'vitest';
import reference from '../../test/reference/logistic-fit.json' with { type: 'json' };
import { DEFAULT_FIT, fitLogistic, type Penalty } from './logistic-fit.js';

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** A population where the log-odds are 1.5·x0 − 1·x1 − 0.5 and x2 is noise. */
function sample(n: number, seed: number): { rows: number[][]; outcomes: boolean[] } {
  const r = lcg(seed);
  const rows: number[][] = [];
  const outcomes: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const row = [Math.floor(r() * 6), Math.floor(r() * 4), Math.floor(r() * 10)];
    const z = 1.5 * (row[0] as number) - (row[1] as number) - 0.5;
    rows.push(row);
    outcomes.push(r() < 1 / (1 + Math.exp(-z)));
  }
  return { rows, outcomes };
}

/** Reference: Newton's method on the same penalised loss (mean cross-entropy + λ‖w‖² on standardised x). */
function newton(rows: number[][], outcomes: boolean[], lambda: number): number[] {
  const d = rows[0]!.length;
  const means = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
  const sds = means.map((m, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / rows.length));
  const xs = rows.map((r) => [1, ...r.map((v, j) => (v - means[j]!) / sds[j]!)]);
  let beta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < 30; it++) {
    const g = new Array<number>(d + 1).fill(0);
    const h = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    xs.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, j) => s + v * beta[j]!, 0)));
      for (let a = 0; a <= d; a++) {
        g[a]! += ((p - (outcomes[i] ? 1 : 0)) * x[a]!) / xs.length;
        for (let c = 0; c <= d; c++) h[a]![c]! += (p * (1 - p) * x[a]! * x[c]!) / xs.length;
      }
    });
    for (let a = 1; a <= d; a++) {
      g[a]! += 2 * lambda * beta[a]!;
      h[a]![a]! += 2 * lambda;
    }
    // Solve h·step = g by Gauss–Jordan elimination.
    const m = h.map((row, a) => [...row, g[a]!]);
    for (let c = 0; c <= d; c++) {
      for (let a = 0; a <= d; a++) {
        if (a === c) continue;
        const f = m[a]![c]! / m[c]![c]!;
        for (let k = c; k <= d + 1; k++) m[a]![k]! -= f * m[c]![k]!;
      }
    }
    beta = beta.map((b, a) => b - m[a]![d + 1]! / m[a]![a]!);
  }
  return beta.slice(1);
}

describe('fitLogistic', () => {
  it('matches the Newton solution of the same L2-penalised loss', async () => {
    const { rows, outcomes } = sample(3000, 7);
    const fit = await fitLogistic(rows, outcomes, { ...DEFAULT_FIT, penalty: 'l2', strength: 0.01 });
    const reference = newton(rows, outcomes, 0.01);
    fit.standardized.forEach((c, j) => expect(c).toBeCloseTo(reference[j]!, 2));
  });

  it('recovers the direction of the true per-count effects', async () => {
    const { rows, outcomes } = sample(3000, 11);
    const fit = await fitLogistic(rows, outcomes, { ...DEFAULT_FIT, penalty: 'l2', strength: 0.001 });
    expect(fit.perUnit[0]).toBeGreaterThan(1.2);
    expect(fit.perUnit[1]).toBeLessThan(-0.7);
    expect(Math.abs(fit.perUnit[2]!)).toBeLessThan(0.1);
  });

  it('shrinks a noise feature to about zero with L1', async () => {
    const { rows, outcomes } = sample(3000, 13);
    const fit = await fitLogistic(rows, outcomes, { ...DEFAULT_FIT, penalty: 'l1', strength: 0.02 });
    expect(Math.abs(fit.standardized[2]!)).toBeLessThan(0.03);
    expect(fit.standardized[0]).toBeGreaterThan(1);
  });

  // logistic-fit.json: statsmodels' penalised Logit (l2) and Logit.fit_regularized (l1), each
  // checked against SciPy's L-BFGS-B on the same objective (they agree within 2e-6) by
  // test/reference/logistic_fit.py.
  it.each(reference.fits)('matches statsmodels on $dataset with $penalty at $strength', async (expected) => {
    const data = reference.datasets[expected.dataset as keyof typeof reference.datasets];
    const fit = await fitLogistic(data.rows, data.outcomes, {
      ...DEFAULT_FIT,
      penalty: expected.penalty as Penalty,
      strength: expected.strength,
    });
    fit.standardized.forEach((c, j) => expect(c).toBeCloseTo(expected.standardized[j]!, 5));
    expect(fit.intercept).toBeCloseTo(expected.intercept, 5);
  });

  it('gives a constant feature a zero coefficient', async () => {
    const { rows, outcomes } = sample(500, 3);
    const fit = await fitLogistic(
      rows.map((r) => [...r, 4]),
      outcomes,
    );
    expect(fit.perUnit[3]).toBe(0);
  });
});
