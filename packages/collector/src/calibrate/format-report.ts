import type { AucResult } from './auc.js';
import type { CalibrationReport } from './calibrate.js';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null, digits = 3) => (x === null ? '–' : x.toFixed(digits));
const auc = (a: AucResult) =>
  a.auc === null
    ? 'undefined (needs users with and without the outcome)'
    : `${fixed(a.auc)} (95% CI ${fixed(a.ci?.[0] ?? null)}–${fixed(a.ci?.[1] ?? null)})`;

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  return cells.map((r) => r.map((c, j) => c.padStart(widths[j] ?? 0)).join('  ')).join('\n');
}

/**
 * The plain-text report `pulse calibrate` prints (`--json` prints the report itself).
 *
 * @example
 * io.out(formatReport(await calibrate(options)));
 */
export function formatReport(r: CalibrationReport): string {
  const out: string[] = [
    `Model "${r.modelId}", score at the end of ${r.at}; outcome: ${r.outcomeText} (data up to ${r.horizon})`,
    `Users: ${r.users}, with the outcome: ${r.positives} (${pct(r.rate)})`,
    `ROC AUC: ${auc(r.current.auc)}`,
    '',
    'Outcome rate by band',
    table(
      ['band', 'min', 'users', 'outcomes', 'rate', 'vs rest'],
      r.current.bands.map((b) => [
        b.id,
        b.min,
        b.users,
        b.outcomes,
        pct(b.rate),
        b.lift === null ? '–' : `${b.lift.toFixed(2)}×`,
      ]),
    ),
    '',
    'Calibration by score decile',
    table(
      ['decile', 'scores', 'users', 'mean score', 'rate'],
      r.current.deciles.map((d) => [
        d.decile,
        `${d.minScore}–${d.maxScore}`,
        d.users,
        d.meanScore.toFixed(1),
        pct(d.rate),
      ]),
    ),
  ];
  if (r.suggestion !== null) {
    const s = r.suggestion;
    out.push(
      '',
      `Signals by strength (${s.fit.penalty.toUpperCase()}-regularised logistic regression, strength ${s.fit.strength}, ${s.fit.trainUsers} training users)`,
      table(
        ['signal', 'event', 'coef/sd', 'current weight', 'suggested weight'],
        r.signals.map((g) => [g.id, g.event, g.coefficient.toFixed(3), g.currentWeight, g.suggestedWeight]),
      ),
      '',
      `Held out (${s.heldOut.users} users, ${s.heldOut.positives} with the outcome):`,
      `  current model   AUC ${auc(s.heldOut.current)}`,
      `  suggested model AUC ${auc(s.heldOut.suggested)}`,
      `Suggested bands: ${s.model.bands.map((b) => `${b.id} ≥ ${b.min}`).join(', ')}; maxPoints ${s.model.scale.maxPoints}`,
    );
  }
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return `${out.join('\n')}\n`;
}
