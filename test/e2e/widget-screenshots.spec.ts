import { expect, test, type Locator, type Page } from '@playwright/test';
import { startFakeApp } from '../../packages/widget/e2e/fake-app-server.js';
import type { PageServer } from '../../packages/widget/e2e/page-server.js';

let app: PageServer;
test.beforeAll(async () => {
  app = await startFakeApp();
});
test.afterAll(async () => {
  await app.close();
});

type Box = { x: number; y: number; width: number; height: number };

/** The smallest box around all the given elements, with a margin, for a screenshot clip. */
async function around(locators: Locator[], margin = 12): Promise<Box> {
  const boxes = (await Promise.all(locators.map((l) => l.boundingBox()))).filter((b): b is Box => b !== null);
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + margin;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + margin;
  return { x, y, width: right - x, height: bottom - y };
}

const shots: Record<string, (page: Page) => Promise<Box>> = {
  banner: (page) => around([page.locator('pulse-nudge[placement=banner] [part~=nudge]')], 0),
  checklist: (page) => around([page.locator('main > pulse-checklist')]),
  inline: (page) => around([page.locator('pulse-nudge[nudge=import] [part~=nudge]')]),
  tooltip: (page) => around([page.locator('#invite'), page.locator('pulse-nudge[placement=tooltip] [part~=nudge]')]),
  toast: (page) => around([page.locator('pulse-nudge[placement=toast] [part~=nudge]')]),
  launcher: (page) => around([page.locator('pulse-widget [part~=launcher]')]),
};

test.use({ viewport: { width: 1000, height: 760 }, deviceScaleFactor: 2 });

for (const mode of ['light', 'dark', 'rtl'] as const) {
  test(`screenshots of every element (${mode})`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: mode === 'dark' ? 'dark' : 'light' });
    const open = (only: string) =>
      page.goto(`${app.url}/?done=Project%20Created&only=${only}${mode === 'rtl' ? '&dir=rtl&lang=ar' : ''}`);
    const save = async (name: string, clip: Box): Promise<void> => {
      const path = testInfo.outputPath(`${name}-${mode}.png`);
      await page.screenshot({ path, clip, animations: 'disabled' });
      await testInfo.attach(`${name}-${mode}`, { path, contentType: 'image/png' });
    };
    // One element per page, so that none covers another in its picture.
    for (const [name, box] of Object.entries(shots)) {
      await open(name === 'launcher' ? 'widget' : name);
      await save(name, await box(page));
    }
    await page.locator('pulse-widget [part~=launcher]').click();
    await expect(page.locator('pulse-widget [part~=panel]')).toBeVisible();
    await save('panel', await around([page.locator('pulse-widget [part~=root]')]));
    await open('banner,checklist,inline,xss,tooltip,toast,widget');
    await expect(page.locator('pulse-nudge[placement=tooltip] [part~=nudge]')).toBeVisible();
    await save('page', { x: 0, y: 0, width: 1000, height: 760 });
  });
}
