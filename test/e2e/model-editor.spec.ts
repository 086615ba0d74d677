import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { PulseConfig } from '@pulse/core';
import { createCollector, type Collector } from '../../packages/collector/src/index.js';
import type { ConfigPreview } from '../../packages/collector/src/contract/preview.js';
import { demoConfig, seedDemo } from '../support/demo-population.js';

// The model editor on the seeded demo, in real Chromium against a real
// collector: an editor lowers a weight, reads the what-if (band transitions,
// AUC before and after), applies it, finds the new version in History and
// rolls it back; a newer version saved meanwhile shows the conflict and keeps
// the draft; an analyst sees the models read-only. axe checks the page. With
// UPDATE_SCREENSHOTS=1 the pictures go to docs/screenshots/. Needs `npm run build`.

const SECRET = 'sk_e2e_models';
const NOW = Date.now();
const SHOTS = new URL('../../docs/screenshots/', import.meta.url);
const OUTCOME = 'event:Plan Upgraded';
let collector: Collector;
let base: string;
let dir: string;

test.use({ viewport: { width: 1280, height: 900 } });
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'pulse-models-'));
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

const invites = (c: PulseConfig) => c.scores![0]!.models[0]!.signals.find((s) => s.id === 'invites')!;

async function signIn(page: Page, key: string): Promise<void> {
  await page.goto(`${base}/dashboard/`);
  await page.getByLabel('Secret key or admin key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('kpis')).toBeVisible();
}

/** A screenshot of the page (the first screen, or all of it) or of one part of it. */
async function shoot(page: Page, name: string, what: boolean | Locator = true): Promise<void> {
  const take = (path: string) =>
    typeof what === 'boolean' ? page.screenshot({ fullPage: what, path }) : what.screenshot({ path });
  const path = test.info().outputPath(`${name}.png`);
  await take(path);
  await test.info().attach(name, { path, contentType: 'image/png' });
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await take(new URL(`${name}.png`, SHOTS).pathname);
  }
}

async function noViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const weightField = (page: Page, signal: string) =>
  page.locator(`fieldset.signal[data-signal="${signal}"]`).getByLabel('Points each');
const invitesWeight = (page: Page) => weightField(page, 'invites');
const flow = (c: PulseConfig) => c.scores![0]!.models[0]!.signals.find((s) => s.id === 'flow')!;

test('an editor lowers a weight, reads the what-if, applies it and rolls it back from History', async ({ page }) => {
  test.setTimeout(120_000);
  const editor = await newKey('editor', 'Maria (growth)');
  const before = await call<PulseConfig>('GET', '/v1/admin/config', SECRET);
  expect(flow(before.body).weight).toBe(3);
  await signIn(page, editor);
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Models' })).toBeVisible();
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('0');
  await expect(weightField(page, 'flow')).toHaveValue('3');
  // The event picker lists the stored events with their 30-day counts.
  const names = await call<{ events: { name: string; count: number }[] }>('GET', '/v1/admin/events/names', editor);
  const top = names.body.events[0]!;
  await expect(page.locator('#add-signal option').filter({ hasText: top.name })).toHaveCount(
    before.body.scores![0]!.models[0]!.signals.some((s) => s.event === top.name) ? 0 : 1,
  );
  await expect(page.locator('#stored-events option').first()).toHaveAttribute('value', top.name);
  await noViolations(page);
  await shoot(page, 'model-editor', false);

  // A wrong value is named at the field, by the validator the collector runs.
  await weightField(page, 'flow').fill('a lot');
  await weightField(page, 'flow').press('Tab');
  const fieldError = page.locator('fieldset.signal[data-signal="flow"] .field-error');
  await expect(fieldError).toHaveText('must be a finite number');
  await expect(weightField(page, 'flow')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();

  await weightField(page, 'flow').fill('1');
  await weightField(page, 'flow').press('Tab');
  await expect(fieldError).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await page.getByLabel('Compare how well it predicts (optional)').selectOption(OUTCOME);
  await page.getByRole('button', { name: 'Show what-if' }).click();
  const whatIf = page.getByTestId('what-if');
  await expect(whatIf).toBeVisible({ timeout: 30_000 });

  // The page shows what the API computes for the same draft.
  const draft = structuredClone(before.body);
  flow(draft).weight = 1;
  const expected = await call<ConfigPreview>('POST', '/v1/admin/config/preview', editor, {
    config: draft,
    score: 'engagement',
    outcome: OUTCOME,
  });
  expect(expected.status).toBe(200);
  const p = expected.body;
  expect(p.usersChangingBand, 'lowering the weight of moving cards moves users between bands').toBeGreaterThan(0);
  await expect(page.getByTestId('what-if-summary')).toContainText(
    `${p.usersChangingBand} of ${p.users} users would change band`,
  );
  const cell = (from: string, to: string) =>
    page.getByTestId('transitions').locator(`td[data-from="${from}"][data-to="${to}"]`);
  const { from, to, counts } = p.transitions;
  for (const [i, f] of from.entries())
    for (const [j, t] of to.entries()) await expect(cell(f, t)).toHaveText(String(counts[i]![j]));
  expect(p.auc!.current.auc).not.toBeNull();
  expect(p.auc!.draft.auc).not.toBe(p.auc!.current.auc);
  const fmt = (a: { auc: number | null; ci: [number, number] | null }) =>
    `${a.auc!.toFixed(2)} (${a.ci![0].toFixed(2)}–${a.ci![1].toFixed(2)})`;
  await expect(page.getByTestId('auc-current')).toHaveText(fmt(p.auc!.current));
  await expect(page.getByTestId('auc-draft')).toHaveText(fmt(p.auc!.draft));
  await expect(page.getByTestId('movers').locator('tbody tr')).toHaveCount(p.movers.length);
  await expect(page.getByTestId('movers').locator('tbody tr').first()).toContainText(p.movers[0]!.userId);
  await noViolations(page);
  await shoot(page, 'model-what-if', page.locator('.what-if-card'));
  // Dark mode: the same panel, and axe on it.
  await page.emulateMedia({ colorScheme: 'dark' });
  await noViolations(page);
  await shoot(page, 'model-what-if-dark', page.locator('.what-if-card'));
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('applied')).toContainText('Applied as version 2.');
  const after = await call<PulseConfig>('GET', '/v1/admin/config', SECRET);
  expect([after.etag, flow(after.body).weight]).toEqual(['"2"', 1]);
  await expect(weightField(page, 'flow')).toHaveValue('1');

  // History shows the new version by its author; restoring version 1 brings the weight back.
  await page.getByRole('link', { name: 'See it in History' }).click();
  const newest = page.getByTestId('versions').locator('li').first();
  await expect(newest).toContainText('Version 2');
  await expect(newest).toContainText('Maria (growth)');
  await page.getByTestId('versions').locator('li[data-version="1"]').getByRole('button').click();
  await page.getByRole('button', { name: 'Restore version 1' }).click();
  await page.getByRole('button', { name: 'Yes, restore version 1' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'live again' })).toContainText('as version 3');
  const restored = await call<PulseConfig>('GET', '/v1/admin/config', SECRET);
  expect([restored.etag, flow(restored.body).weight]).toEqual(['"3"', 3]);
});

test('a version saved meanwhile shows the conflict, and the draft is kept on top of it; Discard resets', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const editor = await newKey('editor', 'Sam (growth)');
  await signIn(page, editor);
  await page.goto(`${base}/dashboard/#/models`);
  await invitesWeight(page).fill('3');
  await invitesWeight(page).press('Tab');
  await page.getByRole('button', { name: 'Show what-if' }).click();
  await expect(page.getByTestId('what-if')).toBeVisible({ timeout: 30_000 });
  // Someone else saves a change to another signal first.
  const current = await call<PulseConfig>('GET', '/v1/admin/config', SECRET);
  const theirs = structuredClone(current.body);
  theirs.scores![0]!.models[0]!.signals.find((s) => s.id === 'projects')!.weight = 7;
  const put = await call<{ version: number }>('PUT', '/v1/admin/config', SECRET, theirs, current.etag!);
  expect(put.status).toBe(200);

  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Someone saved a newer version' })).toContainText(
    `version ${put.body.version}`,
  );
  expect((await call<PulseConfig>('GET', '/v1/admin/config', SECRET)).etag).toBe(`"${put.body.version}"`);
  await page.getByRole('button', { name: 'Reload on top of the newer version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'on top of version' })).toBeVisible();
  await expect(invitesWeight(page)).toHaveValue('3');
  // Their change is there too: the draft now sits on the newer version.
  await expect(page.locator('fieldset.signal[data-signal="projects"]').getByLabel('Points each')).toHaveValue('7');
  await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();

  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(invitesWeight(page)).toHaveValue('8');
  await expect(page.getByRole('status').filter({ hasText: 'discarded' })).toBeVisible();
  const now = await call<PulseConfig>('GET', '/v1/admin/config', SECRET);
  expect([now.etag, invites(now.body).weight]).toEqual([`"${put.body.version}"`, 8]);
});

test('an analyst sees the models read-only and cannot apply', async ({ page }) => {
  const analyst = await newKey('analyst', 'Board reporting');
  await signIn(page, analyst);
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await expect(invitesWeight(page)).toBeDisabled();
  await expect(page.getByText('Your key can read the models but not change them.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Apply' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Add|Remove/ })).toHaveCount(0);
  await noViolations(page);
  const current = await call<PulseConfig>('GET', '/v1/admin/config', analyst);
  const put = await call<{ missingPermission: string }>(
    'PUT',
    '/v1/admin/config',
    analyst,
    current.body,
    current.etag!,
  );
  expect([put.status, put.body.missingPermission]).toEqual([403, 'config:write']);
});
