import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { assignVariant, type Nudge, type PulseConfig } from '@pulse/core';
import { createCollector, type Collector } from '../../packages/collector/src/index.js';
import { DESIGN_NUDGE, inviteModel, SAAS_SIGNALS } from '../../packages/core/test/saas-config.js';
import { pagePath, startPageServer, type PageServer } from '../../packages/widget/e2e/page-server.js';

// The real stack: the script-tag bundle (tracker + widget, built from sources)
// in a page under a strict CSP, against a real collector on a temporary SQLite file.

// DESIGN's nudge on the invite milestone alone, shown at most twice.
const invite: Nudge = { ...DESIGN_NUDGE, trigger: { milestoneIncomplete: 'invite' }, frequency: { maxImpressions: 2 } };

// Ten points a project and twenty an invite out of 100, DESIGN's bands and milestones.
const config: PulseConfig = {
  models: [
    {
      ...inviteModel(),
      id: 'onboarding',
      signals: [
        { ...SAAS_SIGNALS[0]!, weight: 10 },
        { id: 'invites', event: 'Teammate Invited', weight: 20 },
      ],
    },
  ],
  nudges: [invite],
};

/** The page's own script: a file, as the CSP wants. Reads its settings from the query string. */
const INIT = `
const q = new URLSearchParams(location.search);
pulse.init({ writeKey: q.get('writeKey'), host: q.get('host'), flushInterval: 600000 });
pulse.identify(q.get('user'), { plan: 'trial' }, { userToken: q.get('token') });
document.getElementById('create').addEventListener('click', () => pulse.track('Project Created'));
`;

const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>App</title></head><body>
<header><pulse-nudge placement="banner"></pulse-nudge><h1>Projects</h1></header>
<main><button id="create" type="button">Create project</button><pulse-checklist></pulse-checklist></main>
<pulse-widget></pulse-widget>
<script src="/pulse.js"></script><script src="/init.js"></script></body></html>`;

let dir: string;
let collector: Collector;
let collectorUrl: string;
let app: PageServer;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pulse-widget-'));
  collector = await createCollector({
    db: join(dir, 'pulse.db'),
    config,
    dev: true,
    rateLimit: false,
    background: false,
  });
  collectorUrl = await collector.listen({ port: 0 });
  app = await startPageServer({
    scripts: { '/pulse.js': pagePath('../src/global.ts') },
    html: () => HTML,
    files: { '/init.js': { type: 'text/javascript', body: INIT } },
    csp: `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${collectorUrl}`,
  });
});

test.afterAll(async () => {
  await app?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

let refused: string[] = [];
test.beforeEach(({ page }) => {
  refused = [];
  page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && refused.push(m.text()));
  page.on('pageerror', (e) => refused.push(e.message));
});
test.afterEach(() => {
  expect(refused).toEqual([]);
});

/** A user id that core assigns to `variant` (the same hash the collector uses). */
function userIn(variant: string, prefix: string): string {
  for (let i = 0; i < 1000; i++) if (assignVariant(invite, `${prefix}-${i}`)?.id === variant) return `${prefix}-${i}`;
  throw new Error(`no user in ${variant}`);
}

async function visit(page: Page, user: string): Promise<void> {
  const query = new URLSearchParams({
    writeKey: collector.writeKey,
    host: collectorUrl,
    user,
    token: collector.userToken(user),
  });
  await page.goto(`${app.url}/?${query}`);
}

type PulseWindow = {
  pulse: {
    flush(): Promise<void>;
    state(): { source: string; user: { rollup: { nudges: Record<string, { impressions: number }> } } | null };
  };
};
const flush = (page: Page) => page.evaluate(() => (window as unknown as PulseWindow).pulse.flush());
const source = (page: Page) => page.evaluate(() => (window as unknown as PulseWindow).pulse.state().source);
const impressions = (page: Page) =>
  page.evaluate(
    () => (window as unknown as PulseWindow).pulse.state().user?.rollup.nudges['invite-nudge']?.impressions ?? 0,
  );

/** The stored `Nudge …` and milestone events of one user, as `event:variant`. */
async function stored(user: string): Promise<string[]> {
  const rows = await collector.store.listEvents(collector.project, 0, 10_000);
  return rows
    .map(
      (r) =>
        JSON.parse(r.body) as { userId?: string; event?: string; properties?: { nudgeId?: string; variant?: string } },
    )
    .filter(
      (e) =>
        e.userId === user && e.event !== undefined && (e.event.startsWith('Nudge ') || e.event === 'Project Created'),
    )
    .map((e) =>
      e.properties?.variant ? `${e.event}:${e.properties.nudgeId}:${e.properties.variant}` : (e.event as string),
    );
}

test('the checklist ticks at once, provisionally, and stays ticked once the collector confirms it', async ({
  page,
}) => {
  const user = userIn('control', 'tick');
  await visit(page, user);
  const first = page.locator('main pulse-checklist [part~=item]').first();
  await expect(first).toHaveAttribute('part', 'item');
  await expect.poll(() => source(page)).toBe('authoritative');
  const box = await page.locator('main pulse-checklist').boundingBox();

  await page.locator('#create').click();
  await expect(first).toHaveAttribute('part', 'item item-done');
  expect(await source(page)).toBe('provisional');
  await expect(page.locator('pulse-widget [part~=launcher]')).toHaveAttribute(
    'aria-label',
    'Your progress: 1 of 2 done',
  );

  await flush(page);
  await expect.poll(() => source(page)).toBe('authoritative');
  await expect(first).toHaveAttribute('part', 'item item-done');
  expect(await page.locator('main pulse-checklist').boundingBox()).toEqual(box);
  expect(await stored(user)).toContain('Project Created');
});

test('the treatment nudge shows, is capped after two impressions, and its events carry the variant', async ({
  page,
}) => {
  const user = userIn('social', 'cap');
  const banner = page.locator('pulse-nudge[placement=banner] [part~=nudge-title]');
  for (const impression of [1, 2]) {
    await visit(page, user);
    await expect(banner).toHaveText('Work is better together');
    await expect.poll(() => impressions(page)).toBe(impression);
    await flush(page);
  }
  await visit(page, user);
  await expect.poll(() => source(page)).toBe('authoritative');
  await expect(page.locator('pulse-nudge[placement=banner] [part~=nudge]')).toHaveCount(0);
  const events = await stored(user);
  expect(events.filter((e) => e.startsWith('Nudge Shown'))).toEqual([
    'Nudge Shown:invite-nudge:social',
    'Nudge Shown:invite-nudge:social',
  ]);
  expect(events).toContain('Nudge Eligible:invite-nudge:social');
  expect(events.every((e) => !e.startsWith('Nudge') || e.endsWith(':social'))).toBe(true);
});

test('a dismissed nudge stays dismissed on the next visit', async ({ page }) => {
  const user = userIn('social', 'dismiss');
  await visit(page, user);
  await page.locator('pulse-nudge[placement=banner] [part~=dismiss]').click();
  await expect(page.locator('pulse-nudge[placement=banner] [part~=nudge]')).toHaveCount(0);
  await flush(page);
  await visit(page, user);
  await expect.poll(() => source(page)).toBe('authoritative');
  await expect(page.locator('pulse-nudge[placement=banner] [part~=nudge]')).toHaveCount(0);
  expect(await stored(user)).toContain('Nudge Dismissed:invite-nudge:social');
});

test('the control variant shows nothing but records its exposure', async ({ page }) => {
  const user = userIn('control', 'control');
  await visit(page, user);
  await expect.poll(() => source(page)).toBe('authoritative');
  await page.waitForTimeout(300);
  await expect(page.locator('pulse-nudge[placement=banner] [part~=nudge]')).toHaveCount(0);
  await flush(page);
  const events = await stored(user);
  expect(events).toContain('Nudge Eligible:invite-nudge:control');
  expect(events.filter((e) => e.startsWith('Nudge Shown'))).toEqual([]);
});
