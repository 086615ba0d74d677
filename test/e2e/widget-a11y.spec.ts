import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startFakeApp } from '../../packages/widget/e2e/fake-app-server.js';
import type { PageServer } from '../../packages/widget/e2e/page-server.js';

let app: PageServer;
test.beforeAll(async () => {
  app = await startFakeApp();
});
test.afterAll(async () => {
  await app.close();
});

/** The focused element, looking into shadow roots: its part (or id or tag) and its accessible label or text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const name = el.getAttribute('part') ?? (el.id || el.localName);
    return `${name}:${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}`;
  });
}

async function tabUntil(page: Page, stop: RegExp, max = 40): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    seen.push(await focused(page));
    if (stop.test(seen[seen.length - 1] ?? '')) return seen;
  }
  throw new Error(`never reached ${stop}: ${seen.join(' | ')}`);
}

const events = (page: Page, name: string) =>
  page.evaluate((n) => (window as unknown as { fake: { named(e: string): unknown[] } }).fake.named(n), name);

test('keyboard only: every control is reachable, the panel opens, Escape closes it and focus returns', async ({
  page,
}) => {
  await page.goto(`${app.url}/?done=Project%20Created`);
  const path = await tabUntil(page, /^launcher:/);
  expect(path).toEqual(
    expect.arrayContaining([
      'cta:Invite',
      'invite:Invite teammate',
      'search:Search projects',
      'item-link:Invite a teammate',
      'cta:Import',
      'cta:Open reports',
      'dismiss:Dismiss',
      'launcher:Your progress: 1 of 3 done',
    ]),
  );
  const outline = await page.evaluate(() => {
    const launcher = document.querySelector('pulse-widget')?.shadowRoot?.querySelector('[part~=launcher]');
    return launcher ? getComputedStyle(launcher).outlineStyle : '';
  });
  expect(outline).toBe('solid');

  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatch(/^panel:/);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('close:Close');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('item-link:Invite a teammate');
  await page.keyboard.press('Escape');
  expect(await focused(page)).toBe('launcher:Your progress: 1 of 3 done');
  await expect(page.locator('pulse-widget [part~=panel]')).toBeHidden();

  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatch(/^launcher:/);
});

test("keyboard only: Escape dismisses a toast; Enter on a tooltip's close button dismisses it and focus returns to its anchor", async ({
  page,
}) => {
  await page.goto(`${app.url}/?only=toast,tooltip`);
  const toast = page.locator('pulse-nudge[placement=toast] [part~=nudge]');
  await expect(toast).toBeVisible();
  await tabUntil(page, /^cta:Open reports/);
  await page.keyboard.press('Escape');
  await expect(toast).toHaveCount(0);
  expect(await events(page, 'Nudge Dismissed')).toEqual([
    { nudgeId: 'reports', variant: 'treatment', placement: 'toast' },
  ]);

  const tip = page.locator('pulse-nudge[placement=tooltip] [part~=nudge]');
  await tabUntil(page, /^dismiss:/);
  await page.keyboard.press('Enter');
  await expect(tip).toHaveCount(0);
  expect(await focused(page)).toBe('invite:Invite teammate');
});

for (const mode of ['light', 'dark', 'rtl'] as const) {
  test(`axe finds no violations with every element showing (${mode})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: mode === 'dark' ? 'dark' : 'light' });
    await page.goto(`${app.url}/?done=Project%20Created${mode === 'rtl' ? '&dir=rtl' : ''}`);
    await page.locator('pulse-widget [part~=launcher]').click();
    await expect(page.locator('pulse-widget [part~=panel]')).toBeVisible();
    await expect(page.locator('pulse-nudge[placement=tooltip] [part~=nudge]')).toBeVisible();
    await page.waitForTimeout(400); // entry transitions: contrast is measured on what is painted
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('celebrates a completed checklist, except under prefers-reduced-motion', async ({ page }) => {
  const finish = async (): Promise<void> => {
    await page.goto(`${app.url}/?only=checklist&done=Project%20Created,Teammate%20Invited`);
    await page.evaluate(() => (window as unknown as { fake: { track(e: string): void } }).fake.track('Report Viewed'));
    await expect(page.locator('pulse-checklist [part~=complete]')).toBeVisible();
  };
  await finish();
  await expect(page.locator('pulse-checklist [part~=celebration]')).toHaveCount(1);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await finish();
  await expect(page.locator('pulse-checklist [part~=celebration]')).toHaveCount(0);
});
