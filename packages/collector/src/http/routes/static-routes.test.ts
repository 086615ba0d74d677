import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAAS_CONFIG } from '../../../../core/test/saas-config.js';
import { backends, startCollector } from '../../../test/support.js';

const backend = backends()[0]!;
const dir = mkdtempSync(join(tmpdir(), 'pulse-static-'));
const widget = join(dir, 'widget');
const tracker = join(dir, 'tracker');
const dashboard = join(dir, 'dashboard');
const demo = join(dir, 'demo');
for (const d of [widget, tracker, join(dashboard, 'assets'), demo]) mkdirSync(d, { recursive: true });
writeFileSync(join(widget, 'pulse.min.js'), 'window.pulse={};');
writeFileSync(join(tracker, 'pulse-tracker.min.js'), 'window.pulseTracker={};');
writeFileSync(join(dashboard, 'index.html'), '<title>dashboard</title>');
writeFileSync(join(dashboard, 'assets', 'app.js'), 'app();');
writeFileSync(join(demo, 'index.html'), '<title>demo</title>');
writeFileSync(join(dir, 'secret.txt'), 'do not serve');

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await backend.cleanup();
});

const start = (extra = {}) =>
  startCollector(backend, { sdkDirs: [widget, tracker], dashboardDir: dashboard, ...extra });

describe('static files', () => {
  it('serves both SDK bundles from /sdk/', async () => {
    const c = await start();
    const full = await c.app.inject({ url: '/sdk/pulse.min.js' });
    const tracking = await c.app.inject({ url: '/sdk/pulse-tracker.min.js' });
    expect([full.statusCode, full.body]).toEqual([200, 'window.pulse={};']);
    expect(full.headers['content-type']).toMatch(/javascript/);
    expect(tracking.body).toBe('window.pulseTracker={};');
    await c.close();
  });

  it('never serves a file outside the directory', async () => {
    const c = await start();
    for (const url of ['/sdk/../secret.txt', '/sdk/%2e%2e/secret.txt', '/sdk/..%2fsecret.txt']) {
      const res = await c.app.inject({ url });
      expect(res.body).not.toContain('do not serve');
    }
    await c.close();
  });

  it('serves the dashboard at /dashboard/ with its assets', async () => {
    const c = await start();
    expect((await c.app.inject({ url: '/dashboard' })).headers.location).toBe('/dashboard/');
    expect((await c.app.inject({ url: '/dashboard/' })).body).toContain('dashboard');
    expect((await c.app.inject({ url: '/dashboard/assets/app.js' })).body).toBe('app();');
    expect((await c.app.inject({ url: '/dashboard/experiments' })).body).toContain('dashboard');
    await c.close();
  });

  it('sends a strict CSP and the other security headers with every dashboard response', async () => {
    const c = await start();
    for (const url of ['/dashboard', '/dashboard/', '/dashboard/assets/app.js', '/dashboard/experiments']) {
      const h = (await c.app.inject({ url })).headers;
      const csp = String(h['content-security-policy']);
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
      ]) {
        expect(csp.split('; '), url).toContain(directive);
      }
      expect(csp).not.toContain('unsafe');
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['referrer-policy']).toBe('no-referrer');
      expect(h['x-frame-options']).toBe('DENY');
    }
    expect((await c.app.inject({ url: '/sdk/pulse.min.js' })).headers['x-content-type-options']).toBe('nosniff');
    await c.close();
  });

  it('answers a clean 404 when nothing was built', async () => {
    const c = await startCollector(backend, { sdkDirs: [join(dir, 'none')], dashboardDir: join(dir, 'none') });
    const res = await c.app.inject({ url: '/sdk/pulse.min.js' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not found: pulse.min.js (not built: run npm run build)' });
    expect((await c.app.inject({ url: '/dashboard/' })).statusCode).toBe(404);
    await c.close();
  });

  it('serves --static at /', async () => {
    const c = await start({ staticDir: demo });
    expect((await c.app.inject({ url: '/' })).body).toContain('demo');
    expect((await c.app.inject({ url: '/missing.js' })).statusCode).toBe(404);
    await c.close();
  });
});

describe('CORS', () => {
  const preflight = (origin: string) => ({
    method: 'OPTIONS' as const,
    url: '/v1/batch',
    headers: { origin, 'access-control-request-method': 'POST' },
  });

  it('allows only configured origins outside development mode', async () => {
    const c = await start({ dev: false, config: SAAS_CONFIG });
    const ok = await c.app.inject(preflight('https://app.example.com'));
    const other = await c.app.inject(preflight('https://evil.example'));
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await c.close();
  });

  it('refuses a text/plain POST from a foreign origin with 403', async () => {
    const c = await start({ dev: false });
    const res = await c.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('origin https://evil.example is not allowed: add it to allowedOrigins in the config');
    await c.close();
  });

  it('allows the same origin without configuration', async () => {
    const c = await start({ dev: false });
    const res = await c.app.inject({
      url: '/healthz',
      headers: { origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(res.statusCode).toBe(200);
    const api = await c.app.inject({
      url: '/v1/config?writeKey=pk_test',
      headers: { origin: 'http://localhost', host: 'localhost' },
    });
    expect(api.statusCode).toBe(200);
    await c.close();
  });

  it('allows any origin in development mode', async () => {
    const c = await start({ dev: true });
    const res = await c.app.inject(preflight('http://localhost:5173'));
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    await c.close();
  });
});
