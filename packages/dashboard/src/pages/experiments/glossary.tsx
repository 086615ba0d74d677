const TERMS: [string, string][] = [
  [
    'Exposed',
    'Users who met the nudge’s trigger and were assigned a variant (control users see nothing but count too).',
  ],
  ['Conversion rate', 'Share of exposed users who did the goal event within the goal window.'],
  ['Lift', 'Variant’s conversion rate minus control’s, in percentage points (pts).'],
  [
    'Always-valid interval',
    'Range the true lift lies in with 95% confidence, however often you check: safe for daily reading.',
  ],
  [
    'Fixed-horizon interval',
    'The classical interval: right only if you look once, at a sample size decided in advance.',
  ],
  ['p-value', 'How surprising the data would be if the nudge did nothing; below 0.05 counts as a difference.'],
  ['Holm adjustment', 'With several variants, raises each p-value so that the chance of any false winner stays at 5%.'],
  ['CUPED', 'Removes noise the nudge could not have caused, using each user’s score and history from before exposure.'],
  ['Chance to beat control', 'Bayesian: probability the variant’s true rate is above control’s, given the data.'],
  ['Expected loss', 'Bayesian: conversion rate you give up on average by shipping this variant if another is better.'],
  [
    'Credible interval',
    'Bayesian: range the true lift lies in with 95% probability, given the data and a uniform prior.',
  ],
  [
    'Split check (SRM)',
    'Tests that users are divided between variants as configured; a failure means the test is broken.',
  ],
  ['Minimum detectable effect', 'The smallest lift worth finding; planning says how many exposures that takes.'],
  ['Power', 'Chance of detecting the minimum detectable effect if it is real.'],
];

/**
 * One-line plain explanations of every statistical term on the page.
 *
 * @example
 * <Glossary />
 */
export function Glossary() {
  return (
    <details class="card wide glossary">
      <summary>What the words on this page mean</summary>
      <dl>
        {TERMS.map(([term, meaning]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
