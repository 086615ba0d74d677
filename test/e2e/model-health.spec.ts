import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { assertConfig, utcDay } from '@pulse/core';
import { createCollector, type Collector } from '../../packages/collector/src/index.js';
import type { CalibrationReport } from '../../packages/collector/src/calibrate/calibrate.js';
import { syntheticEvents, syntheticModel } from '../../packages/collector/src/calibrate/synthetic-population.js';

// The Model health page against a real collector holding a seeded synthetic
// population whose retention depends on two of five signals; the model in the
// config deliberately weights the other three. The page must show the numbers
// `GET /v1/admin/model-health` returns for the same query. Needs `npm run build`.

const SECRET = 'sk_e2e_model_health';
const AT_DAY = utcDay(Date.now()) - 125;
const AT = new Date(AT_DAY * 86_400_000).toISOString().slice(0, 10);
const QUERY = `outcome=${encodeURIComponent('retention:60-90')}&at=${AT}`;
let collector: Collector;
let base: string;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pulse-model-health-'));
  collector = await createCollector({
    db: join(dir, 'pulse.db'),
    config: assertConfig({ models: [syntheticModel([0, 0, 5, 5, 5])], nudges: [] }),
    secretKey: SECRET,
    dev: true,
    rateLimit: false,
  });
  base = await collector.listen({ port: 0 });
  const events: unknown[] = [];
  syntheticEvents({ users: 400, seed: 21, observationDay: AT_DAY }, (e) => events.push(e));
  for (let i = 0; i < events.length; i += 500) {
    const res = await fetch(`${base}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${collector.writeKey}:`)}` },
      body: JSON.stringify({ batch: events.slice(i, i + 500) }),
    });
    expect(res.status).toBe(200);
  }
});

test.afterAll(async () => {
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${base}/dashboard/`);
  await page.getByLabel('Secret key').fill(SECRET);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('kpis')).toBeVisible();
}

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

test('Model health shows the API’s AUC, band rates, deciles and suggestion', async ({ page }) => {
  const res = await fetch(`${base}/v1/admin/model-health?${QUERY}`, { headers: { authorization: `Bearer ${SECRET}` } });
  expect(res.status).toBe(200);
  const report = (await res.json()) as CalibrationReport;
  expect(report.users).toBe(400);
  expect(report.suggestion).not.toBeNull();

  // The dashboard is served under a strict CSP: its bars and chart must render without a violation.
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  await signIn(page);
  await page.getByRole('link', { name: 'Model health' }).click();
  await page.getByRole('textbox', { name: 'Outcome' }).fill('retention:60-90');
  await page.getByRole('textbox', { name: 'Observation date' }).fill(AT);
  await page.getByRole('button', { name: 'Check' }).click();

  await expect(page.getByTestId('health-users')).toHaveText('400');
  await expect(page.getByTestId('auc')).toHaveText(report.current.auc.auc!.toFixed(3));
  await expect(page.getByTestId('outcome-rate')).toHaveText(percent(report.rate));
  for (const b of report.current.bands) {
    await expect(page.locator(`[data-band="${b.id}"] [data-field="rate"]`)).toHaveText(percent(b.rate));
    await expect(page.locator(`[data-bar="${b.id}"]`)).toHaveAttribute(
      'data-value',
      String(b.rate === null ? 0 : Math.round(b.rate * 1000) / 10),
    );
  }
  for (const d of report.current.deciles) {
    await expect(page.locator(`[data-decile="${d.decile}"] [data-field="rate"]`)).toHaveText(percent(d.rate));
  }
  await expect(page.getByRole('img', { name: 'AUC by observation date' })).toBeVisible();
  const held = report.suggestion!.heldOut;
  await expect(page.getByTestId('heldout-current')).toHaveText(held.current.auc!.toFixed(3));
  await expect(page.getByTestId('heldout-suggested')).toHaveText(held.suggested.auc!.toFixed(3));
  expect(held.suggested.auc!).toBeGreaterThan(held.current.auc!);
  for (const s of report.signals) {
    await expect(page.locator(`[data-signal="${s.id}"] [data-field="suggested"]`)).toHaveText(
      String(s.suggestedWeight),
    );
  }
  expect(violations).toEqual([]);
  const path = test.info().outputPath('model-health.png');
  await page.screenshot({ fullPage: true, path });
  await test.info().attach('model-health', { path, contentType: 'image/png' });
});
