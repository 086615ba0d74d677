import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { assignVariant, type Nudge, type PulseConfig } from '@pulse/core';
import { createCollector, type Collector } from '../../packages/collector/src/index.js';
import { pagePath, startPageServer, type PageServer } from '../../packages/widget/e2e/page-server.js';

// Hostile strings, stored through the real collector, shown by the real dashboard
// (under its own CSP) and the real widget bundle: every one must appear as text,
// run nothing, and trip no Content-Security-Policy report. Each payload sets
// `window.pwned` or opens a dialog if it ever runs. widget-csp.spec.ts covers nudge
// titles from a fake app; this spec covers milestone titles, nudge bodies and CTA
// labels, event names, page names, traits and user ids end to end. Needs `npm run build`.

const PAYLOADS = [
  '<img src=x onerror="window.pwned=1;alert(1)">',
  '"><script>window.pwned=2;alert(2)</script>',
  "'><svg onload=window.pwned=3>",
  '<a href="javascript:window.pwned=4">x</a>',
];
const [IMG, SCRIPT, SVG, LINK] = PAYLOADS as [string, string, string, string];
const SECRET = 'sk_e2e_xss';

const nudge: Nudge = {
  id: 'xss-nudge',
  placement: 'banner',
  trigger: { milestoneIncomplete: 'invite' },
  variants: [
    { id: 'control', weight: 0.5, content: null },
    { id: 'shown', weight: 0.5, content: { title: 'Invite', body: SCRIPT, cta: { label: SVG, href: '/invite' } } },
  ],
  goal: { event: 'Teammate Invited', withinDays: 7 },
};

const config: PulseConfig = {
  models: [
    {
      id: 'onboarding',
      windowDays: 30,
      signals: [
        { id: 'projects', event: IMG, weight: 10 },
        { id: 'invites', event: 'Teammate Invited', weight: 20 },
      ],
      scale: { maxPoints: 100 },
      bands: [
        { id: 'low', min: 0 },
        { id: 'high', min: 70 },
      ],
      milestones: [
        { id: 'first-project', event: IMG, title: IMG },
        { id: 'invite', event: 'Teammate Invited', title: LINK },
      ],
    },
  ],
  nudges: [nudge],
};

/** A user id that core assigns to the shown variant, with a hostile prefix. */
function shownUser(): string {
  for (let i = 0; i < 1000; i++) {
    const id = `"><b>u</b>-${i}`;
    if (assignVariant(nudge, id)?.id === 'shown') return id;
  }
  throw new Error('no user in the shown variant');
}
const USER = shownUser();

let dir: string;
let collector: Collector;
let base: string;
let app: PageServer;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pulse-xss-'));
  collector = await createCollector({
    db: join(dir, 'pulse.db'),
    config,
    secretKey: SECRET,
    dev: true,
    rateLimit: false,
    background: false,
  });
  base = await collector.listen({ port: 0 });
  const now = Date.now();
  const res = await fetch(`${base}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${collector.writeKey}:`)}` },
    body: JSON.stringify({
      batch: [
        { type: 'identify', userId: USER, messageId: 'x1', traits: { name: SCRIPT, plan: IMG } },
        { type: 'track', userId: USER, event: IMG, messageId: 'x2', properties: { note: SVG } },
        { type: 'page', userId: USER, name: SCRIPT, messageId: 'x3', timestamp: new Date(now - 1000).toISOString() },
        { type: 'track', userId: USER, event: LINK, messageId: 'x4', timestamp: new Date(now - 2000).toISOString() },
      ],
    }),
  });
  expect(res.status).toBe(200);
  app = await startPageServer({
    scripts: { '/pulse.js': pagePath('../src/global.ts') },
    html: () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>App</title></head><body>
<pulse-nudge placement="banner"></pulse-nudge><pulse-checklist></pulse-checklist><pulse-widget></pulse-widget>
<script src="/pulse.js"></script><script src="/init.js"></script></body></html>`,
    files: {
      '/init.js': {
        type: 'text/javascript',
        body: `const q = new URLSearchParams(location.search);
pulse.init({ writeKey: q.get('writeKey'), host: q.get('host'), flushInterval: 600000 });
pulse.identify(q.get('user'), { name: ${JSON.stringify(SCRIPT)} }, { userToken: q.get('token') });`,
      },
    },
    csp: `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${base}`,
  });
});

test.afterAll(async () => {
  await app?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Watch {
  problems: string[];
}

/** Records dialogs, page errors, CSP violations and console errors; the page's own flag is read at the end. */
async function watch(page: Page): Promise<Watch> {
  const w: Watch = { problems: [] };
  page.on('dialog', async (d) => {
    w.problems.push(`dialog: ${d.message()}`);
    await d.dismiss();
  });
  page.on('pageerror', (e) => w.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A missing resource is named by the response listener, with its URL.
    if (m.text().startsWith('Failed to load resource')) return;
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) w.problems.push(m.text());
  });
  page.on('response', (r) => {
    // An injected <img src=x> would show up here; browsers ask for a favicon by themselves.
    if (r.status() === 404 && !r.url().endsWith('/favicon.ico')) w.problems.push(`404: ${r.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return w;
}

async function expectNothingRan(page: Page, w: Watch): Promise<void> {
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(w.problems).toEqual([]);
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${base}/dashboard/`);
  await page.getByLabel('Secret key').fill(SECRET);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('kpis')).toBeVisible();
}

test('the dashboard user view shows hostile ids, event names and titles as text', async ({ page }) => {
  const w = await watch(page);
  await signIn(page);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('User id').fill(USER);
  await page.getByRole('button', { name: 'Look up' }).click();
  const detail = page.getByTestId('user-detail');
  await expect(detail).toBeVisible();
  // IMG is an event name and a milestone title, LINK a milestone title and an event name.
  for (const text of [IMG, LINK]) await expect(detail.getByText(text, { exact: false }).first()).toBeVisible();
  await expect(page.locator('main img, main script:not([src]), main svg[onload], a[href^="javascript:"]')).toHaveCount(
    0,
  );
  await expect(page.locator('b', { hasText: 'u' })).toHaveCount(0);
  await expectNothingRan(page, w);
});

test('every dashboard view renders under its CSP with no violation', async ({ page }) => {
  const w = await watch(page);
  const res = await page.goto(`${base}/dashboard/`);
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  await signIn(page);
  for (const name of ['Funnel', 'Experiments', 'Model health', 'Users', 'Overview']) {
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page.locator('main, #app').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  // The stylesheet applied: the dashboard is styled, not raw HTML.
  expect(await page.locator('body').evaluate((el) => getComputedStyle(el).margin)).not.toBe('8px');
  await expectNothingRan(page, w);
});

test('the widget shows hostile milestone titles, nudge bodies and CTA labels as text', async ({ page }) => {
  const w = await watch(page);
  const query = new URLSearchParams({
    writeKey: collector.writeKey,
    host: base,
    user: USER,
    token: collector.userToken(USER),
  });
  await page.goto(`${app.url}/?${query}`);
  const checklist = page.locator('pulse-checklist');
  await expect(checklist.getByText(IMG, { exact: true }).first()).toBeVisible();
  await expect(checklist.getByText(LINK, { exact: true }).first()).toBeVisible();
  const banner = page.locator('pulse-nudge[placement=banner]');
  await expect(banner.locator('[part~=nudge-body]')).toHaveText(SCRIPT);
  await expect(banner.getByText(SVG, { exact: true })).toBeVisible();
  await expect(
    page.locator('pulse-checklist img, pulse-nudge img, pulse-nudge script, pulse-nudge svg[onload]'),
  ).toHaveCount(0);
  await expectNothingRan(page, w);
});
