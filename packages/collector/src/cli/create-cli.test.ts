import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath, trackEvent } from '../../test/support.js';
import { identityToken } from '../auth/identity-token.js';
import type { CliIo } from './cli-io.js';
import { createCli } from './create-cli.js';
import type { Collector } from '../create-collector.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function io(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const handlers: ((signal: string) => void)[] = [];
  let served: Collector | undefined;
  const value: CliIo = {
    env,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    progress: false,
    onSignal: (h) => handlers.push(h),
    onServe: (c) => (served = c),
  };
  return { value, out, err, handlers, served: () => served };
}

const run = (cliIo: CliIo, ...args: string[]) => createCli(cliIo).parseAsync(['node', 'pulse', ...args]);

function tempDb(): string {
  const { path, cleanup } = tempDbPath();
  cleanups.push(cleanup);
  return path;
}

describe('pulse token', () => {
  it('prints HMAC-SHA256(secretKey, userId)', async () => {
    const t = io({ PULSE_SECRET_KEY: 'sk_cli', PULSE_DB: tempDb() });
    await run(t.value, 'token', 'user-42');
    expect(t.out.join('')).toBe(`${identityToken('sk_cli', 'user-42')}\n`);
  });
});

describe('pulse serve', () => {
  it('generates keys on first start, prints them once, and stops on SIGTERM', async () => {
    const db = tempDb();
    const first = io();
    await run(first.value, 'serve', '--port', '0', '--db', db);
    const c = first.served()!;
    expect(first.err.join('')).toContain(`write key  ${c.writeKey}`);
    expect(first.err.join('')).toMatch(/Pulse collector on http:\/\/127\.0\.0\.1:\d+ \(sqlite, development mode/);
    first.handlers[0]!('SIGTERM');
    await c.close();
    expect(first.err.join('')).toContain('SIGTERM: draining and shutting down');

    const second = io();
    await run(second.value, 'serve', '--port', '0', '--db', db);
    expect(second.served()!.writeKey).toBe(c.writeKey);
    expect(second.err.join('')).not.toContain('write key');
    await second.served()!.close();
  });

  it('takes keys, port, config and webhooks from the environment', async () => {
    const dir = tempDb();
    const config = join(dir, '..', 'pulse.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        models: [{ id: 'm', windowDays: 7, signals: [], scale: { maxPoints: 10 }, bands: [{ id: 'all', min: 0 }] }],
      }),
    );
    const t = io({
      PULSE_DB: dir,
      PULSE_WRITE_KEY: 'pk_env',
      PULSE_SECRET_KEY: 'sk_env',
      PULSE_CONFIG: config,
      PULSE_PORT: '0',
      PULSE_WEBHOOKS: 'http://127.0.0.1:9/a, http://127.0.0.1:9/b',
    });
    await run(t.value, 'serve', '--no-dev');
    const c = t.served()!;
    expect([c.writeKey, c.secretKey, c.config().models?.[0]?.id]).toEqual(['pk_env', 'sk_env', 'm']);
    expect(c.context.webhooks).toEqual(['http://127.0.0.1:9/a', 'http://127.0.0.1:9/b']);
    expect(c.context.dev).toBe(false);
    await c.close();
  });

  it('refuses an invalid config file, naming the file and the problem', async () => {
    const db = tempDb();
    const config = join(db, '..', 'bad.json');
    writeFileSync(config, JSON.stringify({ models: [] }));
    await expect(run(io().value, 'serve', '--port', '0', '--db', db, '--config', config)).rejects.toThrow(
      /bad\.json: Invalid Pulse config:\n {2}models: must be a non-empty array of models/,
    );
  });
});

describe('pulse import', () => {
  it('imports ndjson with the same validation and dedupe, and resumes', async () => {
    const db = tempDb();
    const file = join(db, '..', 'events.ndjson');
    const good = [trackEvent({ userId: 'imp' }), trackEvent({ userId: 'imp' })];
    writeFileSync(
      file,
      `${JSON.stringify(good[0])}\n\nnot json\n${JSON.stringify({ type: 'track', userId: 'x' })}\n${JSON.stringify(good[1])}\n`,
    );
    const t = io({ PULSE_DB: db });
    await run(t.value, 'import', file, '--batch-size', '2');
    const summary = JSON.parse(t.out.join(''));
    expect(summary).toMatchObject({ lines: 4, accepted: 2, duplicates: 0, rejected: 2, resumedAt: 0 });
    expect(summary.errors).toEqual([
      { line: 3, error: expect.stringMatching(/^not valid JSON/) },
      { line: 4, error: 'event.messageId: required (a unique string, the dedupe key)' },
    ]);
    process.exitCode = undefined;

    const again = io({ PULSE_DB: db });
    await run(again.value, 'import', file);
    expect(JSON.parse(again.out.join(''))).toMatchObject({
      lines: 0,
      accepted: 0,
      resumedAt: readFileSync(file).length,
    });

    const score = io({ PULSE_DB: db });
    await run(score.value, 'score', 'imp');
    const state = JSON.parse(score.out.join(''));
    expect(state).toMatchObject({ userKey: 'imp', modelId: 'default' });
    expect(state.rollup.events['Project Created'].count).toBe(2);
  });
});

describe('pulse rescore', () => {
  it('prints what it rebuilt', async () => {
    const db = tempDb();
    const file = join(db, '..', 'e.ndjson');
    writeFileSync(
      file,
      [trackEvent({ userId: 'r1' }), trackEvent({ userId: 'r2' })].map((e) => JSON.stringify(e)).join('\n'),
    );
    await run(io({ PULSE_DB: db }).value, 'import', file);
    const t = io({ PULSE_DB: db });
    await run(t.value, 'rescore');
    expect(JSON.parse(t.out.join(''))).toEqual({ users: 2, events: 2, bandChanges: 0, modelChanges: 0 });
  });
});

describe('pulse recompute', () => {
  it('re-scores everyone now and prints what changed', async () => {
    const db = tempDb();
    const file = join(db, '..', 'e.ndjson');
    writeFileSync(
      file,
      [trackEvent({ userId: 'q1' }), trackEvent({ userId: 'q2' })].map((e) => JSON.stringify(e)).join('\n'),
    );
    await run(io({ PULSE_DB: db }).value, 'import', file);
    const t = io({ PULSE_DB: db });
    await run(t.value, 'recompute');
    expect(JSON.parse(t.out.join(''))).toEqual({
      users: 2,
      events: 0,
      bandChanges: 0,
      modelChanges: 0,
      purgedEvents: 0,
      webhooksDelivered: 0,
    });
  });
});

describe('pulse export', () => {
  it('writes every identified user to --out in the --format asked for', async () => {
    const db = tempDb();
    const file = join(db, '..', 'e.ndjson');
    writeFileSync(
      file,
      [trackEvent({ userId: 'x1' }), trackEvent({ userId: 'x2' })].map((e) => JSON.stringify(e)).join('\n'),
    );
    await run(io({ PULSE_DB: db }).value, 'import', file);
    const out = join(db, '..', 'users.ndjson');
    const t = io({ PULSE_DB: db });
    await run(t.value, 'export', '--format', 'ndjson', '--out', out);
    const users = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(users.map((u: { userId: string }) => u.userId)).toEqual(['x1', 'x2']);
    expect(t.err.join('')).toContain('exported 2 users');
    const csv = io({ PULSE_DB: db });
    await run(csv.value, 'export');
    expect(csv.out.join('').split('\r\n')[0]).toMatch(/^"userId","score","band","modelId"/);
  });

  it('refuses an unknown format', async () => {
    const t = io({ PULSE_DB: tempDb() });
    await expect(run(t.value, 'export', '--format', 'xml')).rejects.toThrow();
    expect(t.err.join('')).toContain('Allowed choices are csv, ndjson');
  });
});

describe('the pulse binary', () => {
  it('starts with a shebang, serves, and exits cleanly on SIGTERM', async () => {
    const src = fileURLToPath(new URL('../cli.ts', import.meta.url));
    expect(readFileSync(src, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const out = fileURLToPath(new URL('../../node_modules/.cache/pulse-test/cli.mjs', import.meta.url));
    await build({
      entryPoints: [src],
      bundle: true,
      platform: 'node',
      format: 'esm',
      conditions: ['source'],
      outfile: out,
      packages: 'external',
      alias: { '@pulse/core': fileURLToPath(new URL('../../../core/src/index.ts', import.meta.url)) },
      logLevel: 'error',
    });
    const child = spawn(process.execPath, [out, 'serve', '--port', '0', '--db', tempDb()], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = /on (http:\/\/\S+)/.exec(stderr);
        if (m) resolve(m[1] as string);
      });
      child.on('exit', () => reject(new Error(stderr)));
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stderr).toContain('stopped');
  });
});
