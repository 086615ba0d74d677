import type { ExperimentDesign } from './experiment-design.js';
import type { Harm, Interval, VariantResult, Verdict } from './experiment-results.js';

/** A lift in percentage points with its sign: +4.1, −0.3. */
const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
/** A score change with its sign, one decimal. */
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;
const percent = (p: number) => (p > 0.999 ? '>99.9%' : p < 0.001 ? '<0.1%' : `${(p * 100).toFixed(1)}%`);
const interval = (ci: Interval, f: (x: number) => string) => `[${f(ci[0])}, ${f(ci[1])}]`;

/** The guardrails a variant harms, in words. */
function harmsOf(v: VariantResult, pct: number): Harm[] {
  return v.guardrails
    .filter((g) => g.harmed && g.difference !== null && g.sequentialCi !== null)
    .map((g) => {
      const f = g.kind === 'event' ? pts : signed;
      const unit = g.kind === 'event' ? ' pts' : '';
      return {
        variant: v.id,
        guardrail: g.id,
        text: `${g.label} ${f(g.difference!)}${unit}, ${pct}% always-valid CI ${interval(g.sequentialCi!, f)}`,
      };
    });
}

function bayesianText(variants: VariantResult[], control: VariantResult, pct: number): string {
  const arms = variants.filter((v) => v.bayesian.chanceToBeBest !== null);
  const best = arms.reduce((a, b) => ((b.bayesian.chanceToBeBest ?? 0) > (a.bayesian.chanceToBeBest ?? 0) ? b : a));
  const treatments = variants.filter((v) => v.bayesian.chanceToBeatControl !== null);
  if (best.control || treatments.length === 0) {
    const rival = treatments.reduce<VariantResult | null>(
      (a, b) => (a === null || b.bayesian.chanceToBeatControl! > a.bayesian.chanceToBeatControl! ? b : a),
      null,
    );
    const lead = `${control.id} is most likely the best (${percent(control.bayesian.chanceToBeBest ?? 0)} chance)`;
    return rival === null
      ? `${lead}.`
      : `${lead}; ${rival.id} has a ${percent(rival.bayesian.chanceToBeatControl!)} chance to beat it.`;
  }
  const b = best.bayesian;
  const many = arms.length > 2 ? ` and a ${percent(b.chanceToBeBest ?? 0)} chance to be the best arm` : '';
  return (
    `${best.id} has a ${percent(b.chanceToBeatControl!)} chance to beat ${control.id}${many} ` +
    `(${pts(b.lift!)} pts, ${pct}% credible interval ${interval(b.liftCi!, pts)}); ` +
    `expected loss if shipped: ${((b.expectedLoss ?? 0) * 100).toFixed(2)} pts.`
  );
}

/**
 * The verdict, from the always-valid results (CUPED-adjusted where possible)
 * after Holm's adjustment across the comparisons with control. It says nothing
 * when there is no control, when the sample ratio is off (SRM), or before each
 * compared arm has `minExposedPerArm` users and `minConversions` conversions in
 * all; "better but harms X" when the winner moves a guardrail significantly the
 * wrong way.
 *
 * @example
 * experimentVerdict(design, variants, srmFlagged).text; // 'social is better than control: +4.1 pts, …'
 */
export function experimentVerdict(design: ExperimentDesign, variants: VariantResult[], srmFlagged: boolean): Verdict {
  const control = variants[design.controlIndex];
  const basis = variants.find((v) => v.decision !== null)?.decision?.basis ?? 'sequential';
  const plain = (kind: Verdict['kind'], text: string): Verdict => ({
    kind,
    variant: null,
    text,
    basis,
    harms: [],
    bayesianText: text,
  });
  if (control === undefined) return plain('no-control', 'No control variant: nothing to compare with.');
  // A nudge with one variant shows it to everyone: there is no comparison to wait for.
  if (variants.length < 2)
    return plain('no-control', 'Only one variant, shown to everyone: this nudge is not an A/B test.');
  if (srmFlagged) {
    return plain(
      'srm',
      'Sample ratio mismatch: the split does not match the weights, so the results cannot be trusted.',
    );
  }
  const pct = Math.round(design.confidence * 100);
  const ready = variants.filter(
    (v) =>
      !v.control &&
      v.decision !== null &&
      v.exposed >= design.minExposedPerArm &&
      control.exposed >= design.minExposedPerArm &&
      v.converted + control.converted >= design.minConversions,
  );
  if (ready.length === 0) {
    return plain(
      'not-enough-data',
      `Not enough data yet: each arm needs ${design.minExposedPerArm} exposed users and ${design.minConversions} conversions in all.`,
    );
  }
  const harms = ready.flatMap((v) => harmsOf(v, pct));
  const bayes = bayesianText(variants, control, pct);
  const compared = variants.filter((v) => v.decision !== null).length;
  const significant = ready.filter((v) => v.decision!.significant).sort((a, b) => b.decision!.lift - a.decision!.lift);
  const best = significant[0];
  if (best === undefined) {
    const note = harms.length === 0 ? '' : ` But ${harms.map((h) => `${h.variant} harms ${h.text}`).join('; ')}.`;
    return {
      ...plain(
        'inconclusive',
        `No difference detected at ${pct}% confidence (always-valid: safe to check daily).${note}`,
      ),
      harms,
      bayesianText: bayes,
    };
  }
  const d = best.decision!;
  const narrowed =
    best.cuped !== null && best.cuped.intervalNarrowing > 0.005
      ? `; CUPED narrowed the interval by ${Math.round(best.cuped.intervalNarrowing * 100)}%`
      : '';
  const holm = compared > 1 ? `; Holm-adjusted across ${compared} comparisons` : '';
  const detail = `${pts(d.lift)} pts, ${pct}% always-valid CI ${interval(d.ci, pts)}${narrowed}${holm}`;
  if (d.lift < 0) {
    return {
      kind: 'worse',
      variant: best.id,
      text: `${best.id} is worse than ${control.id}: ${detail}`,
      basis,
      harms,
      bayesianText: bayes,
    };
  }
  const own = harms.filter((h) => h.variant === best.id);
  const text = `${best.id} is better than ${control.id}: ${detail}`;
  return own.length === 0
    ? { kind: 'better', variant: best.id, text, basis, harms, bayesianText: bayes }
    : {
        kind: 'better-but-harms',
        variant: best.id,
        text: `${text} — but harms ${own.map((h) => h.text).join('; ')}`,
        basis,
        harms,
        bayesianText: bayes,
      };
}
