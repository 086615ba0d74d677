import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { assertConfig, type UserState } from '@pulse/core';
import { createCollector, type Collector } from '../../packages/collector/src/index.js';

// The nudge editor as a growth person uses it, in real Chromium against a real
// collector serving the demo: an editor key builds a two-variant nudge for a
// saved segment (inline errors, live preview in light, dark and right-to-left,
// audience estimate), opens the demo through the signed preview link and sees
// the draft there alone with nothing recorded, launches it, drives demo users
// through both arms, reads the results and concludes the winner. An analyst key
// can change nothing. axe on the editor, in light and dark. With UPDATE_SCREENSHOTS=1 the pictures
// go to docs/screenshots/. Needs `npm run build`.

const demo = assertConfig(JSON.parse(readFileSync(new URL('../../demo/pulse.config.json', import.meta.url), 'utf8')));
// The demo's own nudges would compete for the banner slot: this journey's nudge has it alone.
const config = { ...demo, nudges: [] };
const SECRET = 'sk_e2e_nudge_editor';
const SHOTS = process.env.UPDATE_SCREENSHOTS ? new URL('../../docs/screenshots/', import.meta.url).pathname : null;
const TITLE = 'Projects move faster together';
let collector: Collector;
let base: string;
let dir: string;
let editorKey: string;
let analystKey: string;

async function call<T>(method: string, path: string, key: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

test.describe.configure({ mode: 'serial', timeout: 180_000 });
test.use({ viewport: { width: 1280, height: 900 } });

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pulse-nudge-editor-'));
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
  // Earlier sign-ups: 45 teams on a trial and 15 paying ones, so the audience estimate has people to count.
  const at = new Date(Date.now() - 3 * 86_400_000).toISOString();
  const batch = Array.from({ length: 60 }, (_, i) => ({
    type: 'identify',
    userId: `earlier-${i}`,
    traits: { plan: i < 45 ? 'trial' : 'active' },
    timestamp: at,
    messageId: `earlier-${i}`,
  }));
  const seeded = await fetch(`${base}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${btoa('pulse_demo_write_key:')}` },
    body: JSON.stringify({ batch }),
  });
  expect(seeded.status).toBe(200);
  const segment = await call('PUT', '/v1/admin/segments/trial-teams', SECRET, {
    name: 'Teams on a trial',
    filter: { 'trait.plan': 'trial' },
  });
  expect(segment.status).toBe(200);
  editorKey = (
    await call<{ key: string }>('POST', '/v1/admin/keys', SECRET, { role: 'editor', label: 'Maria (growth)' })
  ).body.key;
  analystKey = (await call<{ key: string }>('POST', '/v1/admin/keys', SECRET, { role: 'analyst', label: 'Board' })).body
    .key;
});

test.afterAll(async () => {
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function shoot(target: Page | Locator, name: string): Promise<void> {
  const path = SHOTS ? `${SHOTS}${name}.png` : test.info().outputPath(`${name}.png`);
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  await target.screenshot({ path, animations: 'disabled', ...('goto' in target ? { fullPage: true } : {}) });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.goto(`${base}/dashboard/`);
  await page.getByLabel('Secret key or admin key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('kpis')).toBeVisible();
}

async function noViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

type Pulse = { state(): { source: string; user: UserState | null }; flush(): Promise<void> };
const state = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { pulse: Pulse }).pulse.state() as { source: string; user: UserState | null },
  );

async function signUp(page: Page, name: string, search = ''): Promise<string> {
  await page.goto(`${base}/${search}`);
  await page.getByPlaceholder('Ana Lima').fill(name);
  await page.getByPlaceholder('ana@acme.co').fill(`${name.toLowerCase().replace(/\W+/g, '.')}@example.com`);
  await page
    .getByRole('button', { name: /start|sign up|create/i })
    .first()
    .click();
  await expect.poll(async () => (await state(page)).user?.userKey ?? null).not.toBeNull();
  return (await state(page)).user?.userKey as string;
}

async function authoritative(page: Page): Promise<UserState> {
  await page.evaluate(() => (window as unknown as { pulse: Pulse }).pulse.flush());
  await expect.poll(async () => (await state(page)).source, { timeout: 15_000 }).toBe('authoritative');
  return (await state(page)).user as UserState;
}

const previewTitle = (editor: Page, variant: string, mode: string) =>
  editor.getByTestId(`preview-${variant}-${mode}`).locator('pulse-nudge').getByText(TITLE, { exact: true });

let previewLink = '';

test('an editor builds a two-variant nudge for a segment, with inline errors, live preview and its audience', async ({
  page,
}) => {
  await signIn(page, editorKey);
  await page.getByRole('link', { name: 'Nudges', exact: true }).click();
  await page.getByRole('link', { name: 'New nudge' }).click();
  await expect(page.getByRole('heading', { name: 'New nudge' })).toBeVisible();
  // Core's validator, at the field.
  await expect(page.locator('#nudge-goal-error')).toHaveText('must be a non-empty string');
  await expect(page.getByRole('button', { name: 'Save draft' })).toBeDisabled();
  await page.getByLabel('Name (letters, digits and dashes)').fill('team-banner');
  await page.getByLabel('Saved segment').selectOption({ label: 'Teams on a trial' });
  await page.getByLabel('Title').fill('Projects move faster');
  await expect(previewTitle(page, 'variant-a', 'light')).toHaveCount(0);
  await expect(
    page
      .getByTestId('preview-variant-a-light')
      .locator('pulse-nudge')
      .getByText('Projects move faster', { exact: true }),
  ).toBeVisible();
  await page.getByLabel('Title').fill(TITLE);
  await page.getByLabel('Text').fill('Invite a teammate: teams that plan together finish twice as many cards.');
  await page.getByLabel('Button label').fill('Invite a teammate');
  await page.getByLabel('Button link').fill('javascript:alert(1)');
  await expect(page.locator('#v1-href-error')).toContainText('http');
  await page.getByLabel('Button link').fill('/#/team');
  await page.getByLabel('Goal event').fill('Teammate Invited');
  await expect(page.locator('.field.invalid')).toHaveCount(0);
  // The real element renders the variant in light, dark and right-to-left, updated as the fields change.
  for (const mode of ['light', 'dark', 'rtl']) await expect(previewTitle(page, 'variant-a', mode)).toBeVisible();
  await expect(page.getByTestId('preview-variant-a-dark').locator('pulse-nudge')).toHaveAttribute('theme', 'dark');
  await expect(page.getByTestId('preview-variant-a-rtl')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('preview-variant-a-light').locator('pulse-nudge').getByRole('link')).toHaveText(
    'Invite a teammate',
  );
  // The segment takes in the 45 teams on a trial; the 15 paying ones are left out, and the page says why.
  await expect(page.getByTestId('estimate')).toHaveText('45 of 60 users');
  await expect(page.getByRole('region', { name: 'Audience' })).toContainText('15 not in the segment');
  await noViolations(page);
  await shoot(page, 'nudge-editor');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Nudge “team-banner”/ })).toContainText('Draft');
  const stored = await call<{ nudges: { id: string; status: string; trigger: unknown }[] }>(
    'GET',
    '/v1/admin/config',
    editorKey,
  );
  expect(stored.body.nudges.find((n) => n.id === 'team-banner')).toMatchObject({
    status: 'draft',
    trigger: { segment: 'trial-teams' },
  });
  await page.getByRole('button', { name: 'Make preview link' }).click();
  previewLink = (await page.getByTestId('preview-link').getAttribute('href')) as string;
  expect(previewLink).toContain('pulse_preview=');
});

test('the preview link shows the draft in the demo to that browser only, recording nothing', async ({ browser }) => {
  const viewer = await browser.newContext();
  const page = await viewer.newPage();
  const userId = await signUp(page, 'Previewing Pat');
  await page.goto(previewLink);
  const banner = page.locator('pulse-nudge[placement="banner"]').first();
  await expect(banner.getByText(TITLE, { exact: true })).toBeVisible();
  await shoot(page, 'nudge-preview-in-demo');
  await banner.getByRole('button', { name: /dismiss/i }).click();
  const user = await authoritative(page);
  expect(user.rollup.nudges).not.toHaveProperty('team-banner');
  const fromApi = await call<UserState>('GET', `/v1/users/${encodeURIComponent(userId)}/state`, SECRET);
  expect(fromApi.body.nudges.find((n) => n.nudgeId === 'team-banner')).toMatchObject({ reason: 'draft' });
  await viewer.close();
  // Another browser, without the link, sees nothing of the draft.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage, 'Other Olga');
  await authoritative(otherPage);
  await expect(otherPage.locator('pulse-nudge[placement="banner"]').getByText(TITLE)).toHaveCount(0);
  await other.close();
});

async function driveUsers(browser: Browser): Promise<{ userId: string; variant: string }[]> {
  const journeys: { userId: string; variant: string }[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; attempt < 16 && seen.size < 2; attempt++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const userId = await signUp(page, `Trial Tom ${attempt}`);
    const user = await authoritative(page);
    const variant = user.nudges.find((n) => n.nudgeId === 'team-banner')?.variant?.id as string;
    expect(['control', 'variant-a']).toContain(variant);
    const banner = page.locator('pulse-nudge[placement="banner"]').first();
    if (variant === 'variant-a') {
      await expect(banner.getByText(TITLE, { exact: true })).toBeVisible();
      await banner.getByRole('link', { name: 'Invite a teammate' }).click();
    } else {
      await expect(banner.getByText(TITLE, { exact: true })).toHaveCount(0);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
    }
    await page.getByPlaceholder('sam@acme.co').fill('sam@example.com');
    await page
      .getByRole('button', { name: /invite|send/i })
      .last()
      .click();
    await authoritative(page);
    seen.add(variant);
    journeys.push({ userId, variant });
    await context.close();
  }
  expect([...seen].sort()).toEqual(['control', 'variant-a']);
  return journeys;
}

test('the editor launches it, demo users go through both arms, the results count them, the winner is concluded', async ({
  page,
  browser,
}) => {
  await signIn(page, editorKey);
  await page.goto(`${base}/dashboard/#/nudges/team-banner`);
  // Pat and Olga signed up on a trial since.
  await expect(page.getByTestId('estimate')).toHaveText('47 of 62 users');
  await page.getByRole('button', { name: 'Launch' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Launched' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Nudge “team-banner”/ })).toContainText('Running');

  const journeys = await driveUsers(browser);
  const results = await call<{ variants: { id: string; exposed: number; converted: number }[] }>(
    'GET',
    '/v1/experiments/team-banner/results',
    editorKey,
  );
  for (const id of ['control', 'variant-a']) {
    const n = journeys.filter((j) => j.variant === id).length;
    expect(results.body.variants.find((v) => v.id === id)).toMatchObject({ exposed: n, converted: n });
  }
  await page.getByRole('link', { name: 'Experiments', exact: true }).click();
  const card = page.locator('[data-experiment="team-banner"]');
  const exposed = journeys.filter((j) => j.variant === 'variant-a').length;
  await expect(card.locator('table.arms [data-variant="variant-a"] [data-field="exposed"]')).toHaveText(
    String(exposed),
    {
      timeout: 60_000,
    },
  );

  // Changing the shares of a live experiment warns first.
  await page.goto(`${base}/dashboard/#/nudges/team-banner`);
  await page.getByLabel('Share of users').first().fill('0.2');
  await expect(page.getByRole('alert').filter({ hasText: 'This experiment is live' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save and restart the results' })).toBeVisible();
  await page.reload();
  await page.getByLabel('Winner').selectOption('variant-a');
  await page.getByRole('button', { name: 'Conclude with this winner' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'everyone now gets “variant-a”' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Nudge “team-banner”/ })).toContainText('Concluded');
  const after = await call<{ nudges: { id: string; status: string; winner?: string }[] }>(
    'GET',
    '/v1/admin/config',
    editorKey,
  );
  expect(after.body.nudges.find((n) => n.id === 'team-banner')).toMatchObject({
    status: 'concluded',
    winner: 'variant-a',
  });
});

test('an analyst key reads the nudge and can change nothing', async ({ page }) => {
  await signIn(page, analystKey);
  await page.getByRole('link', { name: 'Nudges', exact: true }).click();
  await expect(page.getByRole('link', { name: 'New nudge' })).toHaveCount(0);
  await page.getByRole('link', { name: 'team-banner' }).click();
  await expect(page.getByText('Your key can read nudges but not change them')).toBeVisible();
  await expect(page.getByLabel('Goal event')).toBeDisabled();
  await expect(page.getByRole('button', { name: /Save|Launch|Conclude|Stop|Make preview link/ })).toHaveCount(0);
  await noViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await noViolations(page);
  const nudge = (await call<{ nudges: { id: string }[] }>('GET', '/v1/admin/config', analystKey)).body.nudges.find(
    (n) => n.id === 'team-banner',
  );
  for (const [method, path, body] of [
    ['PUT', '/v1/admin/nudges/team-banner', nudge],
    ['POST', '/v1/admin/nudges/team-banner/status', { status: 'stopped' }],
    ['POST', '/v1/admin/nudges/preview-link', { nudge, variant: 'variant-a' }],
    ['DELETE', '/v1/admin/nudges/team-banner', undefined],
  ] as const) {
    const res = await call<{ missingPermission: string }>(method, path, analystKey, body);
    expect([path, res.status, res.body?.missingPermission]).toEqual([path, 403, 'config:write']);
  }
});
