import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createCollector, type Collector } from '../../packages/collector/src/index.js';
import { demoConfig, seedDemo } from '../support/demo-population.js';

// Several scores in the dashboard, in real Chromium against a real collector with
// the seeded demo (engagement and churn risk): the score switcher on the overview
// re-reads every panel for the picked score and keeps it in the address; the user
// page shows every score side by side and the picked one's history. axe checks each
// state, light and dark. With UPDATE_SCREENSHOTS=1 the pictures go to docs/screenshots/.
// Needs `npm run build`.

const SECRET = 'sk_e2e_scores';
const NOW = Date.now();
const SHOTS = new URL('../../docs/screenshots/', import.meta.url);
let collector: Collector;
let base: string;
let dir: string;

test.use({ viewport: { width: 1280, height: 900 } });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'pulse-scores-'));
  collector = await createCollector({
    db: join(dir, 'pulse.db'),
    config: demoConfig,
    secretKey: SECRET,
    dev: true,
    rateLimit: false,
  });
  base = await collector.listen({ port: 0 });
  await seedDemo(base, collector.writeKey, 300, NOW);
  await collector.rescore();
});

test.afterAll(async () => {
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function api<T>(path: string): Promise<T> {
  const res = await fetch(base + path, { headers: { authorization: `Bearer ${SECRET}` } });
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
}

async function signIn(page: Page, hash = ''): Promise<void> {
  await page.goto(`${base}/dashboard/${hash}`);
  await page.getByLabel('Secret key').fill(SECRET);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation').first()).toBeVisible();
}

async function shoot(page: Page, name: string): Promise<void> {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ fullPage: true, path });
  await test.info().attach(name, { path, contentType: 'image/png' });
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ fullPage: true, path: new URL(`${name}.png`, SHOTS).pathname });
  }
}

async function noAxeViolations(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page }).analyze();
    expect(
      result.violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

interface Overview {
  users: number;
  averageScore: number;
  bands: { id: string; count: number }[];
}

test('the overview switches to churn risk, re-reads it and keeps the pick in the address', async ({ page }) => {
  const engagement = await api<Overview>('/v1/admin/overview');
  const churn = await api<Overview>('/v1/admin/overview?score=churnRisk');
  expect(churn.bands.map((b) => b.id)).toEqual(['safe', 'watch', 'at-risk']);
  expect(churn.bands.filter((b) => b.count > 0).length, 'the seed gives churn risk a shape of its own').toBeGreaterThan(
    1,
  );

  await signIn(page);
  const switcher = page.getByRole('group', { name: 'Score' });
  await expect(switcher.getByRole('radio')).toHaveCount(2);
  await expect(switcher.getByRole('radio', { name: 'Engagement' })).toBeChecked();
  for (const b of engagement.bands) await expect(page.getByTestId(`band-${b.id}`)).toHaveText(String(b.count));

  await switcher.getByRole('radio', { name: 'Churn risk' }).check();
  await expect(page).toHaveURL(/#\/overview\?score=churnRisk$/);
  for (const b of churn.bands)
    await expect(page.getByTestId(`band-${b.id}`)).toHaveText(b.count.toLocaleString('en-US'));
  await expect(page.getByTestId('average')).toHaveText(churn.averageScore.toFixed(1));
  await expect(page.getByTestId('score-help')).toContainText('A higher score here is worse.');
  await expect(page.getByRole('heading', { name: 'Getting worse: band rose this week' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Band sizes' })).toBeVisible();
  // The top churn band is painted as the bad one.
  await expect(page.getByTestId('band-at-risk')).toHaveClass(/band-low/);
  await noAxeViolations(page);
  await shoot(page, 'overview-churn-risk');

  // The pick survives a reload and follows the tabs that show one score.
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Churn risk' })).toBeChecked();
  await page.getByRole('link', { name: 'Funnel' }).click();
  await expect(page).toHaveURL(/#\/funnel\?score=churnRisk$/);
  await page.getByRole('link', { name: 'Overview' }).click();
  await page.getByRole('radio', { name: 'Engagement' }).check();
  await expect(page).toHaveURL(/#\/overview$/);
  for (const b of engagement.bands) await expect(page.getByTestId(`band-${b.id}`)).toHaveText(String(b.count));
});

interface ScoreState {
  score: number;
  band: string;
  label: string;
  trend: { score7dAgo: number | null };
}
interface Detail {
  userId: string;
  state: { scores: Record<string, ScoreState> };
}

test('the user page shows every score side by side and the history of the picked one', async ({ page }) => {
  // Of the 20 users whose engagement fell most this week, the one whose churn risk rose most.
  const { users } = await api<{ users: { userId: string }[] }>('/v1/admin/users?sort=scoreChange7d&order=asc&limit=20');
  const details = await Promise.all(users.map((u) => api<Detail>(`/v1/admin/users/${encodeURIComponent(u.userId)}`)));
  const rise = (d: Detail) => {
    const c = d.state.scores.churnRisk!;
    return c.score - (c.trend.score7dAgo ?? c.score);
  };
  const user = details.sort((a, b) => rise(b) - rise(a))[0]!;
  const { engagement, churnRisk } = user.state.scores as { engagement: ScoreState; churnRisk: ScoreState };
  const id = encodeURIComponent(user.userId);
  const churnHistory = await api<{ days: { date: string; score: number }[] }>(
    `/v1/users/${id}/history?days=60&score=churnRisk`,
  );
  expect(churnHistory.days.length).toBeGreaterThan(1);

  await signIn(page, `#/users/${id}`);
  const tiles = page.getByTestId('user-scores').locator('[data-score]');
  await expect(tiles).toHaveCount(2);
  await expect(tiles.locator('h2')).toHaveText(['Engagement', 'Churn risk']);
  const tile = page.locator('[data-score="churnRisk"]');
  await expect(tile.locator('[data-field="score"]')).toHaveText(String(churnRisk.score));
  await expect(tile.locator('[data-field="band"]')).toHaveText(churnRisk.band);
  await expect(page.locator('[data-score="engagement"] [data-field="score"]')).toHaveText(String(engagement.score));
  await expect(page.getByTestId('history-heading')).toHaveText('Engagement history');

  await page.getByRole('radio', { name: 'Churn risk' }).check();
  await expect(page).toHaveURL(new RegExp(`#/users/${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\?score=churnRisk$`));
  await expect(page.getByTestId('history-heading')).toHaveText('Churn risk history');
  await expect(page.getByRole('heading', { name: 'What makes up the churn risk score' })).toBeVisible();
  await page.getByText('Show as table').click();
  const rows = page.getByTestId('history-table').locator('tbody tr');
  await expect(rows).toHaveCount(churnHistory.days.length);
  await expect(rows.last()).toContainText(String(churnHistory.days.at(-1)!.score));
  await noAxeViolations(page);
  await page.getByText('Show as table').click();
  await shoot(page, 'user-scores');
});
