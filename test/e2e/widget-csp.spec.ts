import { expect, test } from '@playwright/test';
import { startFakeApp } from '../../packages/widget/e2e/fake-app-server.js';
import type { PageServer } from '../../packages/widget/e2e/page-server.js';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

let app: PageServer;
test.beforeAll(async () => {
  app = await startFakeApp(CSP);
});
test.afterAll(async () => {
  await app.close();
});

test('works under a strict CSP: styled, positioned, and nothing refused', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  page.on('pageerror', (error) => refused.push(error.message));
  await page.goto(`${app.url}/?done=Project%20Created`);
  const launcher = page.locator('pulse-widget [part~=launcher]');
  await expect(launcher).toBeVisible();
  // Constructable stylesheets applied: the launcher is a circle fixed in the corner.
  expect(await launcher.evaluate((el) => getComputedStyle(el).borderRadius)).toBe('50%');
  expect(await launcher.evaluate((el) => getComputedStyle(el.parentElement?.parentElement as Element).position)).toBe(
    'fixed',
  );
  // The tooltip's position is set through the CSSOM, which a CSP allows.
  const tip = page.locator('pulse-nudge[placement=tooltip] [part~=nudge]');
  await expect(tip).toBeVisible();
  await expect
    .poll(async () => {
      const anchor = await page.locator('#invite').boundingBox();
      const box = await tip.boundingBox();
      return anchor && box ? Math.round(box.y - (anchor.y + anchor.height)) : null;
    })
    .toBe(10);
  await launcher.click();
  await expect(page.locator('pulse-widget [part~=panel]')).toBeVisible();
  await page.waitForTimeout(200);
  expect(refused).toEqual([]);
});

test('shows config content as text: an <img onerror> title runs nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(`${app.url}/?only=xss`);
  const title = page.locator('pulse-nudge[nudge=xss] [part~=nudge-title]');
  await expect(title).toHaveText('<img src=x onerror=alert(1)>');
  await expect(page.locator('pulse-nudge[nudge=xss] [part~=nudge-body]')).toHaveText('<b>not bold</b>');
  await expect(page.locator('pulse-nudge[nudge=xss] img, pulse-nudge[nudge=xss] b')).toHaveCount(0);
  await page.waitForTimeout(200);
  expect(dialogs).toEqual([]);
});
