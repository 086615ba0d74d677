import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { Auc } from '../contract/model-health.js';

/**
 * ROC AUC with its DeLong standard error and a 95% confidence interval; null
 * fields when one class is empty (the AUC is undefined then). The shape is the
 * HTTP contract's `Auc`.
 *
 * @example
 * const a: AucResult = { auc: 0.78, se: 0.012, ci: [0.756, 0.804], positives: 410, negatives: 1590 };
 */
export type AucResult = Auc;

/** Mid-ranks (1-based, ties share their average rank) of `values`. */
function midRanks(values: Float64Array): Float64Array {
  const order = Array.from(values.keys()).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Float64Array(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1] as number] === values[order[i] as number]) j += 1;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = rank;
    i = j + 1;
  }
  return ranks;
}

function sampleVariance(xs: Float64Array): number {
  if (xs.length < 2) return 0;
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= xs.length;
  let s = 0;
  for (const x of xs) s += (x - mean) ** 2;
  return s / (xs.length - 1);
}

/**
 * The probability that a random positive scores above a random negative (ties
 * count half), with DeLong's variance computed the fast way from mid-ranks
 * (Sun & Xu 2014), so a million users take well under a second. The CI is
 * `auc ± z·se`, clipped to [0, 1].
 *
 * @example
 * rocAuc([10, 80, 40, 90], [false, true, false, true]).auc; // → 1
 */
export function rocAuc(scores: ArrayLike<number>, outcomes: ArrayLike<boolean>, confidence = 0.95): AucResult {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < scores.length; i++) (outcomes[i] ? pos : neg).push(scores[i] as number);
  const m = pos.length;
  const n = neg.length;
  if (m === 0 || n === 0) return { auc: null, se: null, ci: null, positives: m, negatives: n };
  const all = midRanks(Float64Array.from([...pos, ...neg]));
  const posRanks = midRanks(Float64Array.from(pos));
  const negRanks = midRanks(Float64Array.from(neg));
  let rankSum = 0;
  const v10 = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    rankSum += all[i] as number;
    v10[i] = ((all[i] as number) - (posRanks[i] as number)) / n;
  }
  const v01 = new Float64Array(n);
  for (let j = 0; j < n; j++) v01[j] = 1 - ((all[m + j] as number) - (negRanks[j] as number)) / m;
  const auc = (rankSum - (m * (m + 1)) / 2) / (m * n);
  const se = Math.sqrt(sampleVariance(v10) / m + sampleVariance(v01) / n);
  const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1);
  return { auc, se, ci: [Math.max(0, auc - z * se), Math.min(1, auc + z * se)], positives: m, negatives: n };
}
