import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { ExperimentList, ExperimentResults, Interval } from '../../packages/collector/src/contract/index.js';
import {
  BROKEN_SPLIT,
  seedBrokenSplit,
  seedDemo,
  startSeededCollector,
  type SeededCollector,
} from '../support/seeded-experiments.js';

// The Experiments page against a real collector seeded with the demo's population
// (3,000 users: invite-nudge with a real effect, board-tip launched 5 days ago) and a
// nudge whose split is broken on purpose. Every sentence checked here is derived from
// the API's numbers. With UPDATE_SCREENSHOTS=1 the pictures go to docs/screenshots/.
// Needs `npm run build`.

const SECRET = 'sk_e2e_experiments';
const NOW = Date.now();
const SHOTS = process.env.UPDATE_SCREENSHOTS ? new URL('../../docs/screenshots/', import.meta.url).pathname : null;
let seeded: SeededCollector;
let results: Map<string, ExperimentResults>;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(420_000);
  seeded = await startSeededCollector(SECRET);
  await seedDemo(seeded, 3000, NOW);
  await seedBrokenSplit(seeded, NOW);
  const res = await fetch(`${seeded.base}/v1/experiments`, { headers: { authorization: `Bearer ${SECRET}` } });
  expect(res.status).toBe(200);
  results = new Map(((await res.json()) as ExperimentList).experiments.map((e) => [e.nudgeId, e]));
});

test.afterAll(async () => {
  await seeded?.close();
});

const size = (x: number) => Math.abs(x * 100).toFixed(1);
const pts = (x: number) => `${x >= 0 ? '+' : '−'}${size(x)}`;
const span = (ci: Interval) => `${pts(ci[0])} to ${pts(ci[1])}`;

function get(id: string): ExperimentResults {
  const e = results.get(id);
  if (e === undefined) throw new Error(`no results for ${id}`);
  return e;
}

async function openExperiments(page: Page): Promise<void> {
  await page.goto(`${seeded.base}/dashboard/`);
  await page.getByLabel('Secret key').fill(SECRET);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Experiments' }).click();
  // The collector computes every experiment's results on each request: seconds on a busy machine.
  await expect(page.locator('[data-experiment]')).toHaveCount(results.size, { timeout: 60_000 });
}

async function shoot(page: Page, name: string, target?: Locator): Promise<void> {
  const path = SHOTS ? `${SHOTS}${name}.png` : test.info().outputPath(`${name}.png`);
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  if (target) await target.screenshot({ path, animations: 'disabled' });
  else await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

test.use({ viewport: { width: 1280, height: 900 } });

test('a test with a real effect: the verdict comes first, in words, then the numbers', async ({ page }) => {
  const e = get('invite-nudge');
  expect(e.verdict.kind).toBe('better');
  const social = e.variants.find((v) => v.id === 'social')!;
  const d = social.decision!;
  await openExperiments(page);
  const card = page.locator('[data-experiment="invite-nudge"]');
  await expect(card.getByTestId('verdict-headline')).toHaveText(
    `social raises Teammate Invited by ${size(d.lift)} points (95% always-valid interval ${span(d.ci)}). ` +
      'Safe to call: the interval stays valid however often you look.',
  );
  // The verdict precedes the table in reading order.
  const order = await card.evaluate((el) => {
    const verdict = el.querySelector('[data-testid="verdict"]')!;
    const table = el.querySelector('table')!;
    return verdict.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  expect(order).toBeTruthy();
  for (const v of e.variants) {
    const row = card.locator(`table.arms [data-variant="${v.id}"]`);
    await expect(row.locator('[data-field="exposed"]')).toHaveText(v.exposed.toLocaleString('en-US'));
    await expect(row.locator('[data-field="converted"]')).toHaveText(v.converted.toLocaleString('en-US'));
  }
  await expect(card.locator('table.arms [data-variant="social"] [data-field="interval"]')).toContainText(span(d.ci));
  const narrowing = social.cuped!.intervalNarrowing;
  await expect(card.getByTestId('cuped-narrowing')).toHaveText(
    narrowing >= 0.005
      ? `CUPED narrowed social’s interval by ${Math.round(narrowing * 100)}%`
      : `CUPED barely narrowed social’s interval (by ${(narrowing * 100).toFixed(1)}%)`,
  );
  const guardrails = card.locator('table.guardrails tbody tr');
  await expect(guardrails).toHaveCount(social.guardrails.length);
  for (const g of social.guardrails) {
    await expect(card.locator(`[data-guardrail="${g.id}"] [data-field="guardrail-verdict"]`)).toHaveText(
      g.harmed ? 'Harmed' : 'No harm detected',
    );
  }
  await expect(card.getByTestId('planning')).toContainText('the verdict is in');
  await shoot(page, 'experiments-called', card);
});

test('a test still gathering data says how many exposures and days it needs', async ({ page }) => {
  const e = get('board-tip');
  expect(e.verdict.kind).toBe('not-enough-data');
  const p = e.planning!;
  await openExperiments(page);
  const card = page.locator('[data-experiment="board-tip"]');
  await expect(card.getByTestId('verdict-headline')).toHaveText('Too early to tell: keep the test running.');
  const remaining = Math.ceil(p.remaining!.sequential).toLocaleString('en-US');
  const days = Math.max(1, Math.ceil(p.daysRemaining!.sequential!));
  await expect(card.getByTestId('verdict')).toContainText(
    `About ${remaining} more exposures are needed to detect a lift of ${size(p.minDetectableEffect!)} points with 80% power, about ${days} days`,
  );
  await expect(card.locator('[data-test="sequential"] [data-field="remaining"]')).toHaveText(remaining);
  // Three arms: the p-values are Holm-adjusted, and say so.
  await expect(card.locator('table.arms thead')).toContainText('p-value (Holm-adjusted)');
  await shoot(page, 'experiments-running', card);
});

test('a broken split blocks the verdict and says why', async ({ page }) => {
  const e = get(BROKEN_SPLIT.id);
  expect(e.srm.flagged).toBe(true);
  await openExperiments(page);
  const card = page.locator(`[data-experiment="${BROKEN_SPLIT.id}"]`);
  const verdict = card.getByTestId('verdict');
  await expect(card.getByTestId('verdict-headline')).toHaveText(/^This test is broken/);
  await expect(verdict).toContainText('control 300 (expected about 250), offer 200 (expected about 250)');
  await expect(verdict).not.toContainText(/raises|lowers/);
  await expect(card.getByTestId('srm-daily')).toContainText('The split check failed on');
  await shoot(page, 'experiments-broken-split', card);
});

test('the switch shows the Bayesian and the fixed-horizon numbers, each labelled', async ({ page }) => {
  const social = get('invite-nudge').variants.find((v) => v.id === 'social')!;
  await openExperiments(page);
  const card = page.locator('[data-experiment="invite-nudge"]');
  await page.getByRole('radio', { name: 'Bayesian' }).check();
  await expect(card.locator('table.arms')).toHaveAttribute('data-view', 'bayesian');
  await expect(card.getByTestId('bayesian-verdict')).toHaveText(
    `In Bayesian terms: ${get('invite-nudge').verdict.bayesianText}`,
  );
  await expect(card.locator('table.arms [data-variant="social"] [data-field="interval"]')).toContainText(
    span(social.bayesian.liftCi!),
  );
  await expect(card.locator('table.arms thead')).toContainText('Chance to beat control');
  await shoot(page, 'experiments-bayesian', card);

  await page.getByRole('radio', { name: 'Fixed horizon' }).check();
  await expect(card.locator('table.arms caption')).toContainText(
    'valid for one look at a sample size fixed in advance',
  );
  await expect(card.locator('table.arms [data-variant="social"] [data-field="interval"]')).toContainText(
    span(social.fixedHorizon!.ci),
  );
});

test('the lift over time is a described chart with the same numbers as a table', async ({ page }) => {
  const e = get('invite-nudge');
  const last = e.overTime.at(-1)!.variants.find((v) => v.id === 'social')!;
  await openExperiments(page);
  const card = page.locator('[data-experiment="invite-nudge"]');
  const chart = card.getByRole('img', { name: 'Lift of social over time' });
  await expect(chart).toBeVisible();
  await expect(chart.locator('desc')).toContainText(`${pts(last.lift!)} points, interval ${span(last.ci!)}`);
  await card.getByText('Show the numbers by day').click();
  await expect(card.locator('table.by-day tbody tr')).toHaveCount(e.overTime.length);
  const flagged = e.overTime.filter((d) => d.srm.flagged).length;
  if (flagged === 0)
    await expect(card.getByTestId('srm-daily')).toHaveText(`The split check passed on all ${e.overTime.length} days.`);
  else await expect(card.getByTestId('srm-daily')).toContainText(`failed on ${flagged} of ${e.overTime.length} days`);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on the Experiments page (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openExperiments(page);
    for (const view of ['Always-valid', 'Bayesian']) {
      await page.getByRole('radio', { name: view }).check();
      const result = await new AxeBuilder({ page }).analyze();
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
    await page.getByRole('radio', { name: 'Always-valid' }).check();
    await page.setViewportSize({ width: 1280, height: 1000 });
    await shoot(page, `experiments-page-${scheme}`);
  });
}

test('on a phone the verdict reads first and the tables scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openExperiments(page);
  const card = page.locator('[data-experiment="invite-nudge"]');
  await expect(card.getByTestId('verdict-headline')).toBeInViewport();
  await expect(card.locator('table.arms [data-variant="social"] [data-field="interval"]')).toBeAttached();
  await shoot(page, 'experiments-phone', card);
});
