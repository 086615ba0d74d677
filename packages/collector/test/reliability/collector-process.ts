import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SAAS_CONFIG } from '../../../core/test/saas-config.js';

/** The write key every collector process of these tests accepts. */
export const WRITE_KEY = 'pk_reliability';
/** The secret key every collector process of these tests uses. */
export const SECRET_KEY = 'sk_reliability';

const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/pulse-reliability/', import.meta.url));
let bundled: Promise<{ cli: string; config: string }> | undefined;

/**
 * The `pulse` CLI bundled from sources (never a stale dist/) into a file of this
 * test process, plus the config file it serves. Built once per test file.
 *
 * @example
 * const { cli, config } = await cliBundle();
 */
export function cliBundle(): Promise<{ cli: string; config: string }> {
  bundled ??= (async () => {
    mkdirSync(cacheDir, { recursive: true });
    // Per process: parallel test files must not overwrite each other's bundle mid-import.
    const tag = `${process.pid}-${randomBytes(3).toString('hex')}`;
    const cli = `${cacheDir}cli-${tag}.mjs`;
    const config = `${cacheDir}config-${tag}.json`;
    await build({
      entryPoints: [fileURLToPath(new URL('../../src/cli.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      conditions: ['source'],
      outfile: cli,
      packages: 'external',
      alias: { '@pulse/core': fileURLToPath(new URL('../../../core/src/index.ts', import.meta.url)) },
      logLevel: 'error',
    });
    writeFileSync(config, JSON.stringify(SAAS_CONFIG));
    return { cli, config };
  })();
  return bundled;
}

/**
 * A free TCP port on 127.0.0.1 (bound and released at once), so a restarted
 * collector comes back on the address its clients already retry.
 *
 * @example
 * const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * One `pulse serve` child process.
 *
 * @example
 * const p = await startCollectorProcess({ db, port });
 * p.kill(); // SIGKILL, no drain
 * await p.exited;
 */
export interface CollectorProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** SIGKILL: no drain, no close, exactly like a crash or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful drain. */
  stop(): Promise<void>;
}

/**
 * Starts `pulse serve --db <db> --port <port>` (the CLI bundled from sources)
 * with this suite's keys and the SaaS config, and resolves once it listens.
 *
 * @example
 * const p = await startCollectorProcess({ db: 'postgres://…/pulse_crash_1f2e', port: await freePort() });
 */
export async function startCollectorProcess(options: {
  db: string;
  port: number;
  /** Extra `pulse serve` flags (`--log …`) and environment. */
  args?: string[];
  env?: Record<string, string>;
}): Promise<CollectorProcess> {
  const { cli, config } = await cliBundle();
  const child = spawn(
    process.execPath,
    [
      cli,
      'serve',
      '--port',
      String(options.port),
      '--db',
      options.db,
      '--config',
      config,
      '--no-dev',
      ...(options.args ?? []),
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        PULSE_WRITE_KEY: WRITE_KEY,
        PULSE_SECRET_KEY: SECRET_KEY,
        PULSE_LOG_LEVEL: 'fatal',
        ...options.env,
      },
    },
  );
  let stderr = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /on (http:\/\/\S+)/.exec(stderr);
      if (m) resolve(m[1] as string);
    });
    void exited.then((code) => reject(new Error(`collector exited (${code}) before listening:\n${stderr}`)));
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, child, exited, stderr: () => stderr, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}
