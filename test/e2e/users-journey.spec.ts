import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createCollector, type Collector } from '../../packages/collector/src/index.js';
import { parse } from 'csv-parse/sync';
import { demoConfig, seedDemo } from '../support/demo-population.js';

// The growth team's path through the dashboard on the seeded demo (60 days of
// sign-ups), in real Chromium against a real collector: find trial users whose
// score is falling, open one, read their 60-day history, save the list as a
// segment, export it as CSV and check the file against the API. axe checks each
// new page. With UPDATE_SCREENSHOTS=1 the pictures go to docs/screenshots/ (the
// README shows them); otherwise they are attached to the report. Needs `npm run build`.

const SECRET = 'sk_e2e_users';
const NOW = Date.now();
const SHOTS = new URL('../../docs/screenshots/', import.meta.url);
let collector: Collector;
let base: string;
let dir: string;

test.use({ viewport: { width: 1280, height: 900 } });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'pulse-users-'));
  collector = await createCollector({
    db: join(dir, 'pulse.db'),
    config: demoConfig,
    secretKey: SECRET,
    dev: true,
    rateLimit: false,
  });
  base = await collector.listen({ port: 0 });
  await seedDemo(base, collector.writeKey, 300, NOW);
  // A rescore fills in the daily score history from the stored events, as after `npm run seed`.
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

interface Page_<T> {
  nextCursor: string | null;
  total: number;
  users?: T[];
}

/** Every user id the API lists for a filter, following the cursor. */
async function allUserIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Page_<{ userId: string }> = await api(
      `/v1/admin/users?${query}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    ids.push(...(page.users ?? []).map((u) => u.userId));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
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
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a growth person finds trial users with a falling score, saves them as a segment and exports them', async ({
  page,
}) => {
  await signIn(page, '#/users');
  await page.getByRole('button', { name: 'Band dropped this week' }).click();
  await page.getByLabel('User property').fill('plan');
  await page.getByLabel('equals').first().fill('trial');
  await page.getByRole('button', { name: 'Show users' }).click();
  await page.getByRole('button', { name: /Change over 7 days/ }).click();
  await expect(page).toHaveURL(/sort=scoreChange7d&order=asc/);

  const query = 'bandChangedSince=-7d&bandDirection=down&trait.plan=trial';
  const listed = await api<{ users: { userId: string; scoreChange7d: number | null }[]; total: number }>(
    `/v1/admin/users?${query}&sort=scoreChange7d&order=asc&limit=50`,
  );
  expect(listed.total, 'the seeded demo has trial users whose band dropped this week').toBeGreaterThan(0);
  await expect(page.getByTestId('users-total')).toHaveText(`${listed.total} ${listed.total === 1 ? 'user' : 'users'}`);
  await expect(page.getByText('Who plan is trial, band dropped since 7 days ago.')).toBeVisible();
  const rows = page.getByTestId('users-table').locator('tbody tr');
  await expect(rows).toHaveCount(listed.users.length);
  await expect(rows.first()).toHaveAttribute('data-user', listed.users[0]!.userId);
  await noAxeViolations(page);

  // Save the list as a segment and find it again.
  await page.getByLabel('Segment name').fill('Trial users falling this week');
  await page.getByRole('button', { name: 'Save as segment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as' })).toHaveText(
    'Saved as “Trial users falling this week”.',
  );
  const segment = await api<{ id: string; name: string; filter: Record<string, string> }>(
    '/v1/admin/segments/trial-users-falling-this-week',
  );
  expect(segment.filter).toEqual({ bandChangedSince: '-7d', bandDirection: 'down', 'trait.plan': 'trial' });
  await expect(page.getByLabel('Saved segments')).toHaveValue('trial-users-falling-this-week');

  // Export the whole filtered set and check its rows against the API's.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Export all/ }).click();
  const csv = parse(readFileSync((await (await download).path())!, 'utf8'), { skip_empty_lines: true }) as string[][];
  const [header, ...body] = csv;
  const idColumn = header!.indexOf('userId');
  expect(idColumn).toBeGreaterThanOrEqual(0);
  expect(body.map((r) => r[idColumn]).sort()).toEqual((await allUserIds(query)).sort());
  expect(body).toHaveLength(listed.total);

  // Open the user whose score fell most, and read their history.
  const first = listed.users[0]!;
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/users/${encodeURIComponent(first.userId)}$`));
  const history = await api<{ days: { date: string; score: number }[] }>(
    `/v1/users/${encodeURIComponent(first.userId)}/history?days=60`,
  );
  expect(history.days.length).toBeGreaterThan(7);
  expect(new Set(history.days.map((d) => d.score)).size, 'the score moved over the days').toBeGreaterThan(1);
  const chart = page.getByRole('img', { name: /Score over the last/ });
  await expect(chart).toBeVisible();
  await page.getByText('Show as table').click();
  const table = page.getByTestId('history-table').locator('tbody tr');
  await expect(table).toHaveCount(history.days.length);
  await expect(table.last()).toContainText(String(history.days.at(-1)!.score));
  await expect(page.getByTestId('user-events').locator('tr').first()).toBeVisible();
  await noAxeViolations(page);
});

test('the accounts page lists accounts with members, scores and history', async ({ page }) => {
  const accounts = await api<{ accounts: { accountId: string; score: number; size: number }[]; total: number }>(
    '/v1/admin/accounts?limit=50',
  );
  expect(accounts.total).toBeGreaterThan(0);
  await signIn(page, '#/accounts');
  await expect(page.getByTestId('accounts-total')).toHaveText(
    `${accounts.total} ${accounts.total === 1 ? 'account' : 'accounts'}`,
  );
  const rows = page.getByTestId('accounts-table').locator('tbody tr');
  await expect(rows).toHaveCount(accounts.accounts.length);
  await noAxeViolations(page);
  await shoot(page, 'accounts');

  const top = accounts.accounts[0]!;
  const detail = await api<{ score: number; members: { userId: string }[] }>(
    `/v1/admin/accounts/${encodeURIComponent(top.accountId)}`,
  );
  await rows.first().getByRole('link').click();
  await expect(page.getByTestId('account-score')).toHaveText(String(detail.score));
  await expect(page.getByTestId('account-members').locator('tbody tr')).toHaveCount(detail.members.length);
  await noAxeViolations(page);
  await shoot(page, 'account');
});

test('the overview shows 60 days of movement from the score history', async ({ page }) => {
  const { days } = await api<{ days: { averageScore: number | null }[] }>('/v1/admin/trend?days=60');
  const averages = days.map((d) => d.averageScore).filter((v): v is number => v !== null);
  expect(averages.length).toBeGreaterThan(50);
  expect(new Set(averages.map((a) => a.toFixed(1))).size, 'the trend is not flat').toBeGreaterThan(5);
  await signIn(page);
  await expect(page.getByRole('img', { name: 'Average score' })).toBeVisible();
  await shoot(page, 'overview');
});

test('screenshots of the users list and of a user with 60 days of history', async ({ page }) => {
  // Trial users, largest 7-day fall first: the list a growth team opens most.
  await signIn(page, '#/users?trait.plan=trial&sort=scoreChange7d&order=asc');
  await expect(page.getByTestId('users-table').locator('tbody tr').first()).toBeVisible();
  await noAxeViolations(page);
  await shoot(page, 'users');
  // The earliest sign-up has the longest history.
  const { users } = await api<{ users: { userId: string; traits: { createdAt?: string } }[] }>(
    '/v1/admin/users?limit=500',
  );
  const oldest = [...users].sort((a, b) => (a.traits.createdAt ?? '').localeCompare(b.traits.createdAt ?? ''))[0]!;
  const history = await api<{ days: unknown[] }>(`/v1/users/${encodeURIComponent(oldest.userId)}/history?days=60`);
  expect(history.days).toHaveLength(60);
  await page.goto(`${base}/dashboard/#/users/${encodeURIComponent(oldest.userId)}`);
  await expect(page.getByRole('img', { name: 'Score over the last 60 days' })).toBeVisible();
  await noAxeViolations(page);
  await shoot(page, 'user');
});

test('the funnel shows its last 12 weeks, read from when users came and milestones were done', async ({ page }) => {
  const funnel = await api<{
    total: number;
    milestones: { id: string; completed: number }[];
    overTime: { date: string; users: number; milestones: { id: string; completed: number }[] }[];
  }>('/v1/admin/funnel');
  expect(funnel.overTime).toHaveLength(12);
  // The seed spreads sign-ups over 60 days: the weeks grow, they are not all today's funnel.
  const users = funnel.overTime.map((w) => w.users);
  expect(users.at(-1)).toBe(funnel.total);
  expect(users[0]!).toBeLessThan(funnel.total);
  expect(new Set(users).size, 'the funnel moves week by week').toBeGreaterThan(3);
  await signIn(page, '#/funnel');
  await expect(
    page.getByRole('img', { name: 'Share of users who completed each milestone, by week (%)' }),
  ).toBeVisible();
  const rows = page.getByTestId('funnel-weeks').locator('tbody tr');
  await expect(rows).toHaveCount(12);
  await expect(rows.last().locator('td').nth(1)).toHaveText(funnel.total.toLocaleString('en-US'));
  await noAxeViolations(page);
  await shoot(page, 'funnel-weeks');
  await page.emulateMedia({ colorScheme: 'dark' });
  await noAxeViolations(page);
  await shoot(page, 'funnel-weeks-dark');
});
