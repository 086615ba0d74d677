import type { ExperimentResults, VariantResult } from '@pulse/collector/contract';
import { count, days, size, span } from './experiment-format.js';

/** How a verdict reads at a glance: a call made, a harm or broken test, or a wait. */
export type Tone = 'good' | 'bad' | 'warn' | 'wait' | 'none';

/** The verdict in plain language: a headline sentence, then the sentences that back it. */
export interface VerdictSummary {
  tone: Tone;
  headline: string;
  details: string[];
}

const percentOf = (x: number) => `${Math.round(x * 100)}%`;

/**
 * What the planning numbers promise, in one sentence: exposures and days still
 * needed for the minimum detectable effect, or the smallest lift the data can show now.
 *
 * @example
 * planningSentence(results); // 'About 4,200 more exposures … about 12 days at the current 350 a day.'
 */
export function planningSentence(e: ExperimentResults): string | null {
  const p = e.planning;
  if (p === null) return null;
  if (p.minDetectableEffect !== null && p.remaining !== null) {
    if (p.remaining.sequential <= 0) {
      return `It has the ${count(p.required!.sequential)} exposures needed to detect ${size(p.minDetectableEffect)} points with ${percentOf(p.power)} power: a real effect of that size would show by now.`;
    }
    const pace =
      p.exposuresPerDay !== null && p.exposuresPerDay > 0 && p.daysRemaining?.sequential != null
        ? `, about ${days(p.daysRemaining.sequential)} at the current ${count(p.exposuresPerDay)} a day`
        : ' (no exposures in the last 7 days, so no estimate in days)';
    return `About ${count(p.remaining.sequential)} more exposures are needed to detect a lift of ${size(p.minDetectableEffect)} points with ${percentOf(p.power)} power${pace}.`;
  }
  if (p.detectableEffectNow !== null)
    return `With the data so far, only a lift of about ${size(p.detectableEffectNow.sequential)} points or more would show.`;
  return null;
}

function srmDetails(e: ExperimentResults): string[] {
  const total = e.variants.reduce((n, v) => n + v.exposed, 0);
  const weights = e.variants.reduce((w, v) => w + v.weight, 0);
  const arms = e.variants
    .map((v) => `${v.id} ${count(v.exposed)} (expected about ${count((total * v.weight) / weights)})`)
    .join(', ');
  const odds = 1 / e.srm.pValue;
  const rounded = Number(odds.toPrecision(2));
  const luck = odds > 1e6 ? 'less than once in a million tests' : `about once in ${count(rounded)} tests`;
  return [
    `Users seen per variant: ${arms}. A split this uneven happens by chance ${luck}.`,
    'Usual causes: a variant that fails before it logs its exposure, a trigger that differs by variant, or bots on one arm. Fix the cause, then restart the test.',
  ];
}

function called(e: ExperimentResults, winner: VariantResult): string[] {
  const d = winner.decision!;
  const control = e.variants.find((v) => v.control);
  const out: string[] = [];
  if (winner.rate !== null && control?.rate != null)
    out.push(
      `Within ${days(e.goal.withinDays)} of exposure, ${percentOf(winner.rate)} of users in ${winner.id} did ${e.goal.event}, against ${percentOf(control.rate)} in ${control.id}.`,
    );
  if (winner.cuped !== null && winner.cuped.intervalNarrowing >= 0.005)
    out.push(`CUPED narrowed the interval by ${Math.round(winner.cuped.intervalNarrowing * 100)}%.`);
  const compared = e.method.multipleComparisons.comparisons;
  if (compared > 1)
    out.push(
      `Adjusted for comparing ${compared} variants with control (Holm), p = ${d.adjustedPValue.toPrecision(2)}.`,
    );
  return out;
}

/**
 * The experiment's verdict as a growth team reads it: what happened, whether it
 * is safe to act, and what to do next. It follows the API's `verdict.kind`, so it
 * never calls a result the always-valid, Holm-adjusted analysis did not.
 *
 * @example
 * summarizeVerdict(results).headline; // 'social raises Teammate Invited by 9.4 points (95% always-valid interval +4.6 to +14.2).'
 */
export function summarizeVerdict(e: ExperimentResults): VerdictSummary {
  const v = e.verdict;
  const pct = Math.round(e.confidence * 100);
  const winner = e.variants.find((x) => x.id === v.variant);
  const plan = planningSentence(e);
  switch (v.kind) {
    case 'srm':
      return {
        tone: 'bad',
        headline:
          'This test is broken: users are not split between variants as configured, so its numbers cannot be trusted.',
        details: srmDetails(e),
      };
    case 'no-control':
      return {
        tone: 'none',
        headline: v.text,
        details: ['Add a variant without content (a control) to measure what the nudge changes.'],
      };
    case 'not-enough-data':
      return {
        tone: 'wait',
        headline: 'Too early to tell: keep the test running.',
        details: [
          v.text.replace(/^Not enough data yet: e/, 'E'),
          `So far: ${e.variants.map((x) => `${x.id} ${count(x.exposed)}`).join(', ')} exposed users, ${count(e.variants.reduce((n, x) => n + x.converted, 0))} conversions.`,
          ...(plan ? [plan] : []),
        ],
      };
    case 'better':
    case 'better-but-harms':
    case 'worse': {
      const d = winner!.decision!;
      const verb = v.kind === 'worse' ? 'lowers' : 'raises';
      const headline = `${winner!.id} ${verb} ${e.goal.event} by ${size(d.lift)} points (${pct}% always-valid interval ${span(d.ci)}).`;
      const safe = 'Safe to call: the interval stays valid however often you look.';
      if (v.kind === 'better') return { tone: 'good', headline: `${headline} ${safe}`, details: called(e, winner!) };
      if (v.kind === 'worse')
        return {
          tone: 'bad',
          headline: `${headline} ${safe} Stop it: ${e.controlId ?? 'control'} does better.`,
          details: called(e, winner!),
        };
      const harms = v.harms.filter((h) => h.variant === winner!.id).map((h) => `Harms ${h.text}.`);
      return {
        tone: 'warn',
        headline: `${headline} But it harms a guardrail: weigh the gain against the harm before shipping.`,
        details: [...harms, ...called(e, winner!)],
      };
    }
    default: {
      const best = e.variants.filter((x) => x.decision !== null).sort((a, b) => b.decision!.lift - a.decision!.lift)[0];
      const range = best
        ? [
            `Best guess for ${best.id}: ${size(best.decision!.lift)} points ${best.decision!.lift >= 0 ? 'up' : 'down'}, but anything from ${span(best.decision!.ci)} points is still plausible.`,
          ]
        : [];
      const harms = v.harms.map((h) => `${h.variant} harms ${h.text}.`);
      const next =
        e.status === 'running'
          ? 'Keep it running; the interval stays valid however often you look.'
          : `The test is ${e.status}.`;
      return {
        tone: harms.length > 0 ? 'warn' : 'wait',
        headline: `No difference detected yet on ${e.goal.event}. ${next}`,
        details: [...harms, ...range, ...(plan ? [plan] : [])],
      };
    }
  }
}
