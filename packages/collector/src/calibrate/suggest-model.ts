import type { Band, InactivityRule, ScoringModel, Signal } from '@pulse/core';
import type { LogisticFit } from './logistic-fit.js';
import { cappedCount } from './observe.js';

/** The smallest largest-weight of a suggestion: integer weights need room to keep 1-in-10 precision. */
const MIN_TOP_WEIGHT = 10;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)));
  return sorted[i] as number;
}

const noNegativeZero = (x: number) => (x === 0 ? 0 : x);

function rescaleRule(rule: InactivityRule, factor: number): InactivityRule {
  const scaled: InactivityRule = { afterDays: rule.afterDays };
  if (rule.points !== undefined) scaled.points = noNegativeZero(Math.round(rule.points * factor));
  if (rule.perDay !== undefined) scaled.perDay = noNegativeZero(Math.round(rule.perDay * factor));
  if (rule.cap !== undefined) scaled.cap = noNegativeZero(Math.round(rule.cap * factor));
  return scaled;
}

/**
 * The current model with the fitted coefficients as integer weights (bands are
 * set afterwards by `suggestBands`). Weights are the per-count coefficients
 * scaled so the largest equals the current largest weight (at least 10), so the
 * score ranks users as the fit does. A cap keeps its count (`cap / weight`) and
 * takes the new weight's sign. `maxPoints` becomes the 99th percentile of the
 * training users' new points, so scores spread over 0–100 as the current model's
 * are meant to; inactivity penalties are rescaled by the same factor as
 * `maxPoints`, so they cost the same share of the score.
 *
 * @example
 * const weighted = weightModel(model, fit, trainingCounts);
 */
export function weightModel(model: ScoringModel, fit: LogisticFit, trainingCounts: number[][]): ScoringModel {
  const currentTop = Math.max(0, ...model.signals.map((s) => Math.abs(s.weight)));
  const target = Math.max(MIN_TOP_WEIGHT, Math.round(currentTop));
  const fittedTop = Math.max(0, ...fit.perUnit.map(Math.abs));
  const factor = fittedTop === 0 ? 0 : target / fittedTop;
  const signals: Signal[] = model.signals.map((s, j) => {
    const weight = noNegativeZero(Math.round((fit.perUnit[j] ?? 0) * factor));
    const { cap, ...rest } = s;
    const next: Signal = { ...rest, weight };
    if (cap !== undefined && s.weight !== 0 && weight !== 0) {
      next.cap = Math.round(Math.abs(cap / s.weight) * weight * 100) / 100;
    }
    return next;
  });
  const points = trainingCounts
    .map((counts) => signals.reduce((sum, s, j) => sum + s.weight * cappedCount(s, counts[j] ?? 0), 0))
    .sort((a, b) => a - b);
  const p99 = quantile(points, 0.99);
  const maxPoints = p99 > 0 ? Math.ceil(p99) : Math.max(1, target);
  const rescale = maxPoints / model.scale.maxPoints;
  const { inactivity, ...base } = model;
  return {
    ...base,
    signals,
    ...(inactivity === undefined ? {} : { inactivity: inactivity.map((r) => rescaleRule(r, rescale)) }),
    scale: { maxPoints },
  };
}

/**
 * Band thresholds for a suggested score: each band keeps the share of users it
 * has under the current model (so nudges aimed at a band reach as many users),
 * with the cut points held between 10% and 90% of users so a degenerate current
 * model (everyone "low") still yields usable bands. Ids and labels are kept.
 *
 * @example
 * suggestBands(model.bands, currentScores, suggestedScores); // → [{ id: 'low', min: 0 }, { id: 'medium', min: 31 }, …]
 */
export function suggestBands(
  bands: readonly Band[],
  currentScores: readonly number[],
  suggestedScores: readonly number[],
): Band[] {
  const current = [...currentScores].sort((a, b) => a - b);
  const suggested = [...suggestedScores].sort((a, b) => a - b);
  const out: Band[] = [];
  let previous = -1;
  let previousShare = 0;
  bands.forEach((band, i) => {
    if (i === 0) {
      out.push({ ...band, min: 0 });
      previous = 0;
      return;
    }
    const below = current.length === 0 ? i / bands.length : current.filter((s) => s < band.min).length / current.length;
    const share = Math.min(0.9, Math.max(0.1, below, previousShare + 0.05));
    previousShare = share;
    const min = Math.min(100 - (bands.length - 1 - i), Math.max(previous + 1, Math.round(quantile(suggested, share))));
    out.push({ ...band, min });
    previous = min;
  });
  return out;
}
