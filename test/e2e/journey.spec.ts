import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { assertConfig, type UserState } from '@pulse/core';
import { createCollector, type Collector } from '../../packages/collector/src/index.js';

// The whole product in a real browser: the built demo (npm import) and its
// script-tag page, served by a real collector on a temporary SQLite file with
// the demo's own config. Needs `npm run build` (npm test builds first).

const config = assertConfig(JSON.parse(readFileSync(new URL('../../demo/pulse.config.json', import.meta.url), 'utf8')));
const SECRET = 'sk_e2e_journey';
let collector: Collector;
let base: string;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pulse-journey-'));
  collector = await createCollector({
    db: join(dir, 'pulse.db'),
    config,
    writeKey: 'pulse_demo_write_key',
    secretKey: SECRET,
    dev: true,
    rateLimit: false,
    devTokens: true,
    staticDir: new URL('../../demo/dist', import.meta.url).pathname,
  });
  base = await collector.listen({ port: 0 });
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

type Pulse = { state(): { source: string; user: UserState | null }; flush(): Promise<void> };
const state = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { pulse: Pulse }).pulse.state() as { source: string; user: UserState | null },
  );

const checklistDone = (page: Page) =>
  page.locator('pulse-checklist').first().getByRole('progressbar').getAttribute('aria-valuenow');

/**
 * What provisional and authoritative must agree on, exactly. Milestone times are
 * left out: the collector corrects each event's time by its request's own
 * `sentAt`, so they can differ from the tracker's estimate by the request latency.
 */
const scored = (u: UserState | null) =>
  u && {
    score: u.score,
    band: u.band,
    points: u.points,
    contributions: u.contributions,
    milestones: u.milestones.items.map((m) => [m.id, m.done]),
  };

async function flushUntilAuthoritative(page: Page): Promise<UserState> {
  await page.evaluate(() => (window as unknown as { pulse: Pulse }).pulse.flush());
  await expect.poll(async () => (await state(page)).source, { timeout: 15_000 }).toBe('authoritative');
  return (await state(page)).user as UserState;
}

async function signUp(page: Page, name: string): Promise<string> {
  await page.goto(base + '/');
  await page.getByPlaceholder('Ana Lima').fill(name);
  await page.getByPlaceholder('ana@acme.co').fill(`${name.toLowerCase().replace(/\W+/g, '.')}@example.com`);
  await page
    .getByRole('button', { name: /start|sign up|create/i })
    .first()
    .click();
  await expect.poll(async () => (await state(page)).user?.userKey ?? null).not.toBeNull();
  return (await state(page)).user?.userKey as string;
}

async function createProject(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'New project' }).first().click();
  await page.getByPlaceholder('Website relaunch').fill('Launch plan');
  await page.getByRole('button', { name: /create project/i }).click();
  await expect(page.getByRole('heading', { name: 'Launch plan', level: 1 })).toBeVisible();
  // The onboarding checklist lives on the home page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
}

async function inviteTeammate(page: Page): Promise<void> {
  await page.getByPlaceholder('sam@acme.co').fill('sam@example.com');
  await page
    .getByRole('button', { name: /invite|send/i })
    .last()
    .click();
}

type Results = { variants: { id: string; exposed: number; converted: number }[] };

/** The dashboard shows the user's score and the experiment's counts as the API has them. */
async function expectDashboardShows(browser: Browser, userId: string, results: Results): Promise<void> {
  const page = await browser.newPage();
  await page.goto(base + '/dashboard/');
  await page.getByLabel('Secret key').fill(SECRET);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const stored = await api<UserState>(`/v1/users/${encodeURIComponent(userId)}/state`);
  await page.goto(`${base}/dashboard/#/users/${encodeURIComponent(userId)}`);
  await expect(page.getByTestId('user-score')).toHaveText(String(stored.score));
  await page.goto(`${base}/dashboard/#/experiments`);
  const experiment = page.locator('[data-experiment="invite-nudge"]');
  for (const v of results.variants) {
    await expect(experiment.locator(`[data-variant="${v.id}"] [data-field="exposed"]`)).toHaveText(String(v.exposed));
    await expect(experiment.locator(`[data-variant="${v.id}"] [data-field="converted"]`)).toHaveText(
      String(v.converted),
    );
  }
  await page.close();
}

/** Holds `/v1/batch` deliveries until the returned function is called. */
async function holdDeliveries(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/v1/batch', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test('a new user signs up, onboards, sees their variant, converts, and shows in the dashboard (npm build)', async ({
  browser,
}) => {
  const seen = new Set<string>();
  const journeys: { userId: string; variant: string }[] = [];
  // Variants are assigned by hashing the (random) user id; sign up until both arms have run.
  for (let attempt = 0; attempt < 16 && seen.size < 2; attempt++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const userId = await signUp(page, `Ana ${attempt}`);
    await expect.poll(() => checklistDone(page)).toBe('0');
    const before = (await state(page)).user;
    expect(before?.milestones.done).toBe(0);

    // Hold deliveries so what the page shows next can only come from the provisional state.
    const release = await holdDeliveries(page);
    await createProject(page);
    await expect.poll(() => checklistDone(page), { timeout: 2_000 }).toBe('1');
    const provisional = await state(page);
    expect(provisional.source).toBe('provisional');
    expect(provisional.user?.score).toBeGreaterThan(before?.score ?? 0);
    release();

    const authoritative = await flushUntilAuthoritative(page);
    expect(scored(authoritative)).toEqual(scored(provisional.user));
    const fromApi = await api<UserState>(`/v1/users/${encodeURIComponent(userId)}/state`);
    expect(scored(fromApi)).toEqual(scored(authoritative));

    const decision = authoritative.nudges.find((n) => n.nudgeId === 'invite-nudge');
    const variant = decision?.variant?.id as string;
    expect(['control', 'social']).toContain(variant);
    const banner = page.locator('pulse-nudge[placement="banner"]').first();
    if (variant === 'social') {
      await expect(banner.getByText('Work is better together', { exact: true })).toBeVisible();
      await banner.getByRole('link', { name: 'Invite a teammate' }).click();
    } else {
      await expect(banner.getByText('Work is better together', { exact: true })).toHaveCount(0);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
    }
    await inviteTeammate(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await expect.poll(() => checklistDone(page)).toBe('2');
    await flushUntilAuthoritative(page);
    seen.add(variant);
    journeys.push({ userId, variant });
    await context.close();
  }
  expect([...seen].sort()).toEqual(['control', 'social']);

  const results = await api<Results>('/v1/experiments/invite-nudge/results');
  for (const id of ['control', 'social']) {
    const n = journeys.filter((j) => j.variant === id).length;
    expect(results.variants.find((v) => v.id === id)).toMatchObject({ exposed: n, converted: n });
  }

  await expectDashboardShows(browser, journeys[0]?.userId as string, results);
});

test('the same journey on the script-tag build: snippet, provisional tick, parity, variant, conversion, dashboard', async ({
  page,
  browser,
}) => {
  const before = await api<Results>('/v1/experiments/invite-nudge/results');
  await page.goto(base + '/script-tag.html');
  await page.locator('#signup-form input[name="name"]').fill('Sam Script');
  await page.locator('#signup-form input[type="email"]').fill('sam.script@example.com');
  await page.locator('#signup-form button[type="submit"]').click();
  await expect(page.locator('#signed-in')).toBeVisible();
  await expect.poll(() => checklistDone(page)).toBe('0');

  const release = await holdDeliveries(page);
  await page.locator('[data-action="project"]').click();
  await expect.poll(() => checklistDone(page), { timeout: 2_000 }).toBe('1');
  const provisional = await state(page);
  expect(provisional.source).toBe('provisional');
  release();
  const authoritative = await flushUntilAuthoritative(page);
  expect(scored(authoritative)).toEqual(scored(provisional.user));
  const userId = authoritative.userKey;
  const fromApi = await api<UserState>(`/v1/users/${encodeURIComponent(userId)}/state`);
  expect(scored(fromApi)).toEqual(scored(authoritative));

  const variant = authoritative.nudges.find((n) => n.nudgeId === 'invite-nudge')?.variant?.id as string;
  const banner = page.locator('pulse-nudge[placement="banner"]').first();
  if (variant === 'social') {
    await expect(banner.getByText('Work is better together', { exact: true })).toBeVisible();
    // The CTA leads into the app's team page, where the same user (same storage) invites.
    await banner.getByRole('link', { name: 'Invite a teammate' }).click();
    await inviteTeammate(page);
  } else {
    await expect(banner.getByText('Work is better together', { exact: true })).toHaveCount(0);
    await page.locator('[data-action="invite"]').click();
  }
  await page.evaluate(() => (window as unknown as { pulse: Pulse }).pulse.flush());
  const bump = (r: Results, field: 'exposed' | 'converted') => r.variants.find((v) => v.id === variant)?.[field] ?? 0;
  await expect
    .poll(async () => {
      const now = await api<Results>('/v1/experiments/invite-nudge/results');
      return [bump(now, 'exposed') - bump(before, 'exposed'), bump(now, 'converted') - bump(before, 'converted')];
    })
    .toEqual([1, 1]);
  await expectDashboardShows(browser, userId, await api<Results>('/v1/experiments/invite-nudge/results'));
});
