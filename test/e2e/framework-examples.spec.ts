import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { assertConfig, assignVariant, type UserState } from '@pulse/core';
import { createCollector, type Collector } from '../../packages/collector/src/index.js';

// examples/react (React 19, StrictMode) and examples/vue, as `npm run build` built them for
// production from the built packages, each served by a real collector (SQLite, the demo's
// config, development tokens). Driven as a user would: the checklist ticks at once, the
// banner shows, its close event reaches the app, a remount and StrictMode change nothing,
// every event is stored once.

const config = assertConfig(JSON.parse(readFileSync(new URL('../../demo/pulse.config.json', import.meta.url), 'utf8')));
const banner = config.nudges?.find((n) => n.id === 'invite-nudge');
const SECRET = 'sk_e2e_examples';

/** A user id the banner experiment assigns to its `social` arm (the control shows nothing). */
function socialUser(prefix: string): string {
  for (let i = 0; ; i++) {
    const id = `${prefix}-${i}`;
    if (banner && assignVariant(banner, id)?.id === 'social') return id;
  }
}

const checklistDone = (page: Page) =>
  page.locator('main > pulse-checklist').getByRole('progressbar').getAttribute('aria-valuenow');

for (const name of ['react', 'vue']) {
  test.describe(`examples/${name}`, () => {
    let collector: Collector;
    let base: string;
    let dir: string;

    test.beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `pulse-example-${name}-`));
      collector = await createCollector({
        db: join(dir, 'pulse.db'),
        config,
        writeKey: 'pulse_demo_write_key',
        secretKey: SECRET,
        dev: true,
        rateLimit: false,
        devTokens: true,
        staticDir: new URL(`../../examples/${name}/dist`, import.meta.url).pathname,
      });
      base = await collector.listen({ port: 0 });
    });

    test.afterAll(async () => {
      await collector?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    async function stored(userId: string): Promise<UserState> {
      const res = await fetch(`${base}/v1/users/${encodeURIComponent(userId)}/state`, {
        headers: { authorization: `Bearer ${SECRET}` },
      });
      expect(res.status).toBe(200);
      return (await res.json()) as UserState;
    }
    const count = async (userId: string, event: string) => (await stored(userId)).rollup.events[event]?.count ?? 0;

    test('events once, the checklist ticks, the banner shows and closes, a remount changes nothing', async ({
      page,
    }) => {
      const userId = socialUser(`${name}-user`);
      const errors: string[] = [];
      const logged: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'log' && logged.push(m.text()));
      await page.goto(`${base}/?user=${userId}`);
      await expect.poll(() => checklistDone(page), { timeout: 10_000 }).toBe('0');

      await page.getByRole('button', { name: 'Create project' }).click();
      await expect.poll(() => checklistDone(page), { timeout: 2_000 }).toBe('1');
      const nudge = page.locator('main > pulse-nudge');
      await expect(nudge.getByRole('region', { name: 'Work is better together' })).toBeVisible();

      // The typed close event reaches the app's handler (React 19 `onpulse-nudge-close`, Vue `@pulse-nudge-close`).
      await nudge.getByRole('button', { name: 'Dismiss' }).click();
      await expect.poll(() => logged).toEqual(['dismiss']);

      // Unmount and mount the elements again: the same progress, nothing recorded twice, and
      // the dismissed banner stays away (a new slot does not bring it back within its cooldown).
      await page.getByRole('button', { name: 'Hide onboarding' }).click();
      await expect(page.locator('main > pulse-checklist')).toHaveCount(0);
      await page.getByRole('button', { name: 'Show onboarding' }).click();
      await expect.poll(() => checklistDone(page)).toBe('1');
      await expect(nudge.getByRole('region')).toHaveCount(0);

      await page.goto('about:blank'); // pagehide: the tracker sends what is left
      await expect.poll(() => count(userId, 'Nudge Dismissed'), { timeout: 15_000 }).toBe(1);
      const state = await stored(userId);
      expect(state.rollup.events['Project Created']?.count).toBe(1);
      expect(state.rollup.events['Nudge Eligible']?.count).toBe(1);
      expect(state.rollup.events['Nudge Shown']?.count).toBe(1);
      expect(state.milestones.items.find((m) => m.id === 'first-project')?.done).toBe(true);
      expect(errors).toEqual([]);
    });
  });
}
