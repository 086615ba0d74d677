import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { assertConfig, type PulseConfig } from '@pulse/core';
import { readFileSync } from 'node:fs';
import { createCollector, type Collector } from '../../packages/collector/src/index.js';

// Versions, concurrency and roles in the dashboard, against a real collector:
// an analyst sees every page and can change nothing; an editor's change shows
// in History and is rolled back; a stale restore shows the conflict; an owner
// creates and revokes keys. axe checks History and Keys; the screenshots of
// both go to docs/screenshots/. Needs `npm run build`.

const config = assertConfig(JSON.parse(readFileSync(new URL('../../demo/pulse.config.json', import.meta.url), 'utf8')));
const SECRET = 'sk_e2e_versions_roles';
const SHOTS = new URL('../../docs/screenshots/', import.meta.url);
let collector: Collector;
let base: string;
let dir: string;

async function call<T>(method: string, path: string, key: string, body?: unknown, ifMatch?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (ifMatch !== undefined) headers['if-match'] = ifMatch;
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, etag: res.headers.get('etag'), body: (await res.json()) as T };
}

async function newKey(role: string, label: string): Promise<string> {
  const res = await call<{ key: string }>('POST', '/v1/admin/keys', SECRET, { role, label });
  expect(res.status).toBe(201);
  return res.body.key;
}

/** The current config with the trial model's first signal weighted `weight`, as the editor saves it. */
async function saveWeight(key: string, weight: number, ifMatch?: string) {
  const current = await call<PulseConfig>('GET', '/v1/admin/config', key);
  const next = structuredClone(current.body);
  // The demo config holds several scores; a single-score config holds `models`.
  const models = next.models ?? next.scores![0]!.models;
  models[0]!.signals[0]!.weight = weight;
  return call<{ version: number }>('PUT', '/v1/admin/config', key, next, ifMatch ?? current.etag ?? undefined);
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pulse-versions-'));
  collector = await createCollector({
    db: join(dir, 'pulse.db'),
    config,
    secretKey: SECRET,
    dev: true,
    rateLimit: false,
  });
  base = await collector.listen({ port: 0 });
  const batch = Array.from({ length: 30 }, (_, i) => ({
    type: 'track',
    event: i % 3 === 0 ? 'Teammate Invited' : 'Project Created',
    userId: `user-${i % 10}`,
    messageId: `m-${i}`,
  }));
  const res = await fetch(`${base}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${collector.writeKey}:`)}` },
    body: JSON.stringify({ batch }),
  });
  expect(res.status).toBe(200);
});

test.afterAll(async () => {
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

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

test('an analyst key sees every page and can change nothing', async ({ page }) => {
  const analyst = await newKey('analyst', 'Board reporting');
  await signIn(page, analyst);
  await expect(page.getByTestId('who')).toHaveText('Board reporting · analyst');
  await expect(page.getByRole('link', { name: 'Keys' })).toHaveCount(0);
  for (const tab of ['Funnel', 'Experiments', 'Model health', 'Users', 'History']) {
    await page.getByRole('link', { name: tab, exact: true }).click();
    await expect(page.getByText('Could not load')).toHaveCount(0);
  }
  await expect(page.getByTestId('versions').locator('li')).not.toHaveCount(0);
  await page.getByTestId('versions').locator('li').last().getByRole('button').click();
  await expect(page.getByTestId('version-detail')).toContainText('Saved by');
  await expect(page.getByRole('button', { name: /Restore/ })).toHaveCount(0);
  await page.goto(`${base}/dashboard/#/keys`);
  await expect(page.getByRole('heading', { name: 'Keys' })).toHaveCount(0);
  // The API refuses what the page hides.
  const put = await saveWeight(analyst, 1);
  expect([put.status, (put.body as unknown as { missingPermission: string }).missingPermission]).toEqual([
    403,
    'config:write',
  ]);
  expect((await call('POST', '/v1/admin/config/rollback', analyst, { version: 1 })).status).toBe(403);
  expect((await call('GET', '/v1/admin/keys', analyst)).status).toBe(403);
});

test('an editor changes the config, reads the change in History and rolls it back', async ({ page }) => {
  const editor = await newKey('editor', 'Maria (growth)');
  const before = await call<PulseConfig>('GET', '/v1/admin/config', editor);
  const saved = await saveWeight(editor, 2);
  expect(saved.status).toBe(200);
  await signIn(page, editor);
  await page.getByRole('link', { name: 'History' }).click();
  const detail = page.getByTestId('version-detail');
  await expect(detail).toContainText(`Version ${saved.body.version}`);
  await expect(detail).toContainText('Saved by Maria (growth)');
  await expect(detail.getByTestId('changes')).toContainText('Model “trial” › signal “projects” › weight from 6 to 2');
  await page
    .getByTestId('versions')
    .locator(`[data-version="${saved.body.version - 1}"] button`)
    .click();
  await page.getByRole('button', { name: `Restore version ${saved.body.version - 1}` }).click();
  await page.getByRole('button', { name: `Yes, restore version ${saved.body.version - 1}` }).click();
  await expect(page.getByRole('status')).toContainText(`is live again as version ${saved.body.version + 1}`);
  const after = await call<PulseConfig>('GET', '/v1/admin/config', editor);
  expect(after.body).toEqual(before.body);
  await expect(page.getByTestId('versions').locator('li').first()).toContainText(
    `Restored version ${saved.body.version - 1}`,
  );
});

test('a restore on a stale version shows the conflict and reloads on top of the newer one', async ({ page }) => {
  const editor = await newKey('editor', 'Sam (growth)');
  await saveWeight(editor, 3);
  await signIn(page, editor);
  await page.getByRole('link', { name: 'History' }).click();
  const top = Number(await page.getByTestId('versions').locator('li').first().getAttribute('data-version'));
  await page
    .getByTestId('versions')
    .locator(`[data-version="${top - 1}"] button`)
    .click();
  await page.getByRole('button', { name: `Restore version ${top - 1}` }).click();
  // Someone else saves while the confirmation is open.
  expect((await saveWeight(SECRET, 5)).status).toBe(200);
  await page.getByRole('button', { name: `Yes, restore version ${top - 1}` }).click();
  await expect(page.getByRole('alert')).toContainText(`Someone saved a newer version (version ${top + 1})`);
  expect((await call('GET', '/v1/admin/config', editor)).etag).toBe(`"${top + 1}"`);
  await page.getByRole('button', { name: 'Reload on top of the newer version' }).click();
  await expect(page.getByTestId('versions').locator('li').first()).toHaveAttribute('data-version', String(top + 1));
});

test('History passes axe, in light and dark', async ({ page }) => {
  const editor = await newKey('editor', 'Priya (growth)');
  await saveWeight(editor, 4);
  await signIn(page, SECRET);
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByTestId('changes')).toBeVisible();
  await noViolations(page);
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.screenshot({ path: new URL('history.png', SHOTS).pathname, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await noViolations(page);
});

test('an owner creates a key, sees it once, and revokes it; axe passes on Keys', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await newKey('editor', 'Maria (growth)');
  await signIn(page, SECRET);
  await page.getByRole('link', { name: 'Keys' }).click();
  await page.getByLabel('Who will use it').fill('Weekly report script');
  await page.getByLabel('Role').selectOption('analyst');
  await page.getByRole('button', { name: 'Create key' }).click();
  const shown = page.getByLabel('New analyst key');
  await expect(shown).toHaveValue(/^ak_/);
  const key = await shown.inputValue();
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Copied', exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await expect(page.locator('[data-key="Weekly report script"]')).toContainText('analyst');
  expect((await call('GET', '/v1/admin/me', key)).status).toBe(200);
  await noViolations(page);
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.screenshot({ path: new URL('keys.png', SHOTS).pathname, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await noViolations(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.getByLabel('New analyst key')).toHaveCount(0);
  await page.getByRole('button', { name: 'Revoke Weekly report script' }).click();
  await page.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(page.locator('[data-key="Weekly report script"]')).toHaveCount(0);
  expect((await call('GET', '/v1/admin/me', key)).status).toBe(401);
});
