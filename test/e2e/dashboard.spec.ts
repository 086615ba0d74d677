import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { assertConfig, DAY_MS } from '@pulse/core';
import { createCollector, type Collector } from '../../packages/collector/src/index.js';
// @ts-expect-error -- the seed generator is plain JavaScript without declarations
import { createRandom } from '../../demo/seed/random.mjs';
// @ts-expect-error -- the seed generator is plain JavaScript without declarations
import { simulateUser } from '../../demo/seed/simulate.mjs';

// The dashboard against a real collector seeded with the demo's synthetic
// population (seeded, 60 days): every view must render the numbers the admin
// API returns. Screenshots of each view are attached. Needs `npm run build`.

const config = assertConfig(JSON.parse(readFileSync(new URL('../../demo/pulse.config.json', import.meta.url), 'utf8')));
const SECRET = 'sk_e2e_dashboard';
const NOW = Date.now();
let collector: Collector;
let base: string;
let dir: string;

async function seed(users: number): Promise<void> {
  const schedule = createRandom(11) as { next(): number };
  let batch: unknown[] = [];
  const send = async () => {
    const res = await fetch(`${base}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${collector.writeKey}:`)}` },
      body: JSON.stringify({ batch }),
    });
    expect(res.status).toBe(200);
    batch = [];
  };
  for (let i = 0; i < users; i++) {
    const signupAt = NOW - 60 * DAY_MS + schedule.next() * 58 * DAY_MS;
    const { events } = simulateUser(createRandom(1000 + i), i, config, signupAt, NOW) as { events: unknown[] };
    for (const e of events) {
      batch.push(e);
      if (batch.length >= 500) await send();
    }
  }
  if (batch.length > 0) await send();
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pulse-dashboard-'));
  collector = await createCollector({
    db: join(dir, 'pulse.db'),
    config,
    secretKey: SECRET,
    dev: true,
    rateLimit: false,
  });
  base = await collector.listen({ port: 0 });
  await seed(120);
});

test.afterAll(async () => {
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function api<T>(path: string): Promise<T> {
  const res = await fetch(base + path, { headers: { authorization: `Bearer ${SECRET}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${base}/dashboard/`);
  await page.getByLabel('Secret key').fill(SECRET);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('kpis')).toBeVisible();
}

/** Screenshots are kept as artifacts: attached to the report and written under test-results/. */
async function shoot(page: Page, name: string): Promise<void> {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ fullPage: true, path });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

test('refuses a wrong secret key', async ({ page }) => {
  await page.goto(`${base}/dashboard/`);
  await page.getByLabel('Secret key').fill('not-the-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That key was not accepted.');
});

test('the overview shows the API’s user count, average and band sizes', async ({ page }) => {
  const overview = await api<{
    users: number;
    averageScore: number;
    bands: { id: string; count: number }[];
    histogram: { from: number; to: number; count: number }[];
  }>('/v1/admin/overview');
  expect(overview.users).toBe(120);
  await signIn(page);
  await expect(page.getByTestId('users')).toHaveText(overview.users.toLocaleString('en-US'));
  await expect(page.getByTestId('average')).toHaveText(overview.averageScore.toFixed(1));
  for (const b of overview.bands)
    await expect(page.getByTestId(`band-${b.id}`)).toHaveText(b.count.toLocaleString('en-US'));
  await expect(page.getByRole('img', { name: 'Users by score' })).toBeVisible();
  for (const h of overview.histogram) {
    await expect(page.locator(`[data-bar="${h.from}–${h.to}"]`)).toHaveAttribute('data-value', String(h.count));
  }

  const { days } = await api<{ days: { averageScore: number | null }[] }>('/v1/admin/trend?days=60');
  const averages = days.map((d) => d.averageScore).filter((v): v is number => v !== null);
  expect(averages.length).toBeGreaterThan(0);
  const trend = page.getByRole('img', { name: 'Average score' });
  await expect(trend).toBeVisible();
  // The y axis tops out at the highest daily average the API reports.
  await expect(trend.locator('text').first()).toHaveText(String(Math.round(Math.max(1, ...averages))));

  const { users: atRisk } = await api<{ users: { userId: string }[] }>('/v1/admin/churn-risk?days=7');
  if (atRisk.length === 0) await expect(page.getByText("Nobody's band dropped in the last 7 days.")).toBeVisible();
  else await expect(page.getByTestId('churn-risk').locator('tbody tr')).toHaveCount(atRisk.length);
  await shoot(page, 'overview-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'overview-dark');
});

test('the funnel shows each milestone’s completions', async ({ page }) => {
  const funnel = await api<{ milestones: { id: string; completed: number }[] }>('/v1/admin/funnel');
  expect(funnel.milestones.some((m) => m.completed > 0)).toBe(true);
  await signIn(page);
  await page.getByRole('link', { name: 'Funnel' }).click();
  for (const m of funnel.milestones) {
    await expect(page.locator(`[data-milestone="${m.id}"] td.num`).first()).toHaveText(
      m.completed.toLocaleString('en-US'),
    );
  }
  await shoot(page, 'funnel');
});

test('experiments show the API’s counts, verdict and SRM status', async ({ page }) => {
  const { experiments } = await api<{
    experiments: {
      nudgeId: string;
      verdict: { kind: string };
      variants: { id: string; exposed: number; converted: number }[];
    }[];
  }>('/v1/experiments');
  const invite = experiments.find((e) => e.nudgeId === 'invite-nudge');
  expect(invite?.variants.every((v) => v.exposed > 0)).toBe(true);
  await signIn(page);
  await page.getByRole('link', { name: 'Experiments' }).click();
  for (const e of experiments) {
    const card = page.locator(`[data-experiment="${e.nudgeId}"]`);
    // The page words the API's verdict (test/e2e/experiments.spec.ts checks the words).
    await expect(card.getByTestId('verdict')).toHaveAttribute('data-kind', e.verdict.kind);
    for (const v of e.variants) {
      await expect(card.locator(`[data-variant="${v.id}"] [data-field="exposed"]`)).toHaveText(
        v.exposed.toLocaleString('en-US'),
      );
      await expect(card.locator(`[data-variant="${v.id}"] [data-field="converted"]`)).toHaveText(
        v.converted.toLocaleString('en-US'),
      );
    }
  }
  await shoot(page, 'experiments');
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, 'experiments-phone');
});

test('user lookup shows a user’s score, band and contributions', async ({ page }) => {
  const { experiments } = await api<{ experiments: unknown[] }>('/v1/experiments');
  expect(experiments.length).toBeGreaterThan(0);
  const keys = await collector.store.listUserKeys(collector.project, 'u:', 5);
  const userId = (keys[0] as string).slice(2);
  const detail = await api<{
    state: { score: number; band: string; contributions: { signal: string; points: number }[] };
  }>(`/v1/admin/users/${encodeURIComponent(userId)}`);
  await signIn(page);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('User id').fill(userId);
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByTestId('user-score')).toHaveText(String(detail.state.score));
  await expect(page.getByTestId('user-band')).toHaveText(detail.state.band);
  for (const c of detail.state.contributions.filter((x) => x.points !== 0)) {
    await expect(page.getByTestId('user-detail').locator(`[data-signal="${c.signal}"]`)).toBeVisible();
  }
  await shoot(page, 'user');
});
