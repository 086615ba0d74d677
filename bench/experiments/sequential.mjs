// Experiment statistics by simulation (seeded, deterministic), through the
// collector's own analysis code:
//   - 2,000 A/A experiments read every day for 28 days: the false positive rate
//     of the fixed-horizon z-test read once and read daily, and of the always-valid
//     interval read daily (with and without CUPED), each with its Wilson 95% interval;
//   - 2,000 A/B experiments with a planted lift (10% → 12%): the power of each;
//   - planning: experiments sized by the planner, checked for the power it promised;
//   - CUPED on data with a known correlation ρ: the variance reduction reported and
//     achieved against ρ² (the adjusted variance against 1 − ρ²).
//
//   node bench/experiments/sequential.mjs [--quick] [--json]
import { pathToFileURL } from 'node:url';
import { bundleSources } from '../collector/bundle-sources.mjs';

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const shareCell = (s) => `${pct(s.rate)} (${s.count}/${s.of}; ${pct(s.ci[0])}–${pct(s.ci[1])})`;

/** Runs every study; `quick` divides the experiment counts by five. */
export async function run({ quick = false, log = () => {} } = {}) {
  const lib = await import(
    await bundleSources('experiments', [
      ['peekingStudy, cupedStudy, cupedScenarios', '../test/experiment-simulation.ts'],
      ['requiredExposures', 'experiments/stats/sample-size.ts'],
      ['mixingRho2', 'experiments/stats/confidence-sequence.ts'],
    ])
  );
  const scale = quick ? 5 : 1;
  const base = { days: 28, usersPerDay: 200, baseRate: 0.1 };
  const started = performance.now();
  log('A/A…');
  const aa = lib.peekingStudy({ ...base, lift: 0, experiments: 2000 / scale, seed: 1 });
  log('A/B…');
  const ab = lib.peekingStudy({ ...base, lift: 0.02, experiments: 2000 / scale, seed: 2 });
  const design = {
    baseline: 0.1,
    shareControl: 0.5,
    alpha: 0.05,
    power: 0.8,
    rho2: lib.mixingRho2(5000, 0.05),
    varianceFactor: 1,
  };
  const need = lib.requiredExposures(design, 0.02);
  log('planning…');
  const planned = {
    required: need,
    // Conversions are immediate here, so every counted user has a complete outcome, as planning assumes.
    fixedHorizon: lib.peekingStudy({
      days: 28,
      usersPerDay: Math.ceil(need.fixedHorizon / 28),
      baseRate: 0.1,
      lift: 0.02,
      delayDays: 0,
      experiments: 500 / scale,
      seed: 4,
    }),
    sequential: lib.peekingStudy({
      days: 28,
      usersPerDay: Math.ceil(need.sequential / 28),
      baseRate: 0.1,
      lift: 0.02,
      delayDays: 0,
      experiments: 500 / scale,
      seed: 5,
    }),
  };
  log('CUPED…');
  const cuped = lib
    .cupedScenarios()
    .map((s, i) => lib.cupedStudy(s, { replicates: 1000 / scale, users: 2000, seed: 20 + i }));
  const seconds = (performance.now() - started) / 1000;

  const lines = [
    `Experiments read daily for 28 days, 200 users a day (50/50), base rate 10%, 7-day goal window (${seconds.toFixed(0)} s).`,
    '',
    '| read | A/A: false positive rate (95% CI) | A/B +2 pts: power (95% CI) |',
    '|---|---|---|',
    `| fixed-horizon z-test, once at day 28 | ${shareCell(aa.fixedOnce)} | ${shareCell(ab.fixedOnce)} |`,
    `| fixed-horizon z-test, every day | ${shareCell(aa.fixedDaily)} | ${shareCell(ab.fixedDaily)} |`,
    `| always-valid interval, every day | ${shareCell(aa.sequential)} | ${shareCell(ab.sequential)} |`,
    `| always-valid + CUPED, every day (the verdict) | ${shareCell(aa.sequentialCuped)} | ${shareCell(ab.sequentialCuped)} |`,
    '',
    `Median day of the first call (A/B, verdict): ${ab.medianDayOfFirstCall}.`,
    '',
    `Planning for +2 pts from 10% at 80% power: ${Math.ceil(need.fixedHorizon)} exposures (fixed horizon), ${Math.ceil(need.sequential)} (always-valid).`,
    `- sized for the fixed horizon, one look at day 28: power ${shareCell(planned.fixedHorizon.fixedOnce)}`,
    `- sized for the always-valid test, read daily: power ${shareCell(planned.sequential.sequential)} (with CUPED ${shareCell(planned.sequential.sequentialCuped)})`,
    '',
    '| CUPED scenario | ρ² (expected reduction) | reported reduction (mean ± se) | achieved reduction (95% CI) |',
    '|---|---|---|---|',
    ...cuped.map(
      (c) =>
        `| ${c.scenario} | ${c.expected.toFixed(3)} | ${c.reported.mean.toFixed(4)} ± ${c.reported.se.toFixed(4)} | ${c.achieved.reduction.toFixed(3)} (${c.achieved.ci[0].toFixed(3)}–${c.achieved.ci[1].toFixed(3)}) |`,
    ),
  ];
  return { aa, ab, planned, cuped, seconds, table: lines.join('\n') };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run({
    quick: process.argv.includes('--quick'),
    log: (line) => console.error(`[experiments] ${line}`),
  });
  console.log(process.argv.includes('--json') ? JSON.stringify(result) : result.table);
}
