import { spawn, type ChildProcess } from 'node:child_process';
import { openStore } from '../../src/store/open-store.js';
import { openJetStreamLog } from '../../src/log/jetstream-log.js';
import { readApplied } from '../../src/log/applied-offsets.js';
import { cliBundle } from '../reliability/collector-process.js';

/**
 * One `pulse worker` child process.
 *
 * @example
 * const w = await startWorkerProcess({ db, servers, prefix });
 * await w.kill();
 */
export interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<number | string>;
  stderr(): string;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `pulse worker --log <servers> --db <db>` (the CLI bundled from
 * sources) with the suite's config, and resolves once it has announced itself.
 *
 * @example
 * const w = await startWorkerProcess({ db: dbPath, servers: cluster.servers, prefix: 'T1', leaseMs: 2000 });
 */
export async function startWorkerProcess(o: {
  db: string;
  servers: string;
  prefix: string;
  leaseMs: number;
  env?: Record<string, string>;
}): Promise<WorkerProcess> {
  const { cli, config } = await cliBundle();
  const child = spawn(process.execPath, [cli, 'worker', '--log', o.servers, '--db', o.db, '--config', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PULSE_LOG_PREFIX: o.prefix, PULSE_LOG_LEASE_MS: String(o.leaseMs), ...o.env },
  });
  let stderr = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('Pulse worker')) resolve();
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before starting:\n${stderr}`)));
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { child, exited, stderr: () => stderr, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

/**
 * Waits until the database has applied everything the log holds (every
 * partition's applied offset equals its head); rejects after `timeoutMs`
 * saying how far behind it still is.
 *
 * @example
 * await waitForCatchUp({ db, servers, prefix }, 30_000);
 */
export async function waitForCatchUp(
  o: { db: string; servers: string; prefix: string },
  timeoutMs: number,
): Promise<void> {
  const log = await openJetStreamLog({ servers: o.servers, prefix: o.prefix });
  const store = openStore(o.db);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const heads = await log.heads();
      let behind = 0;
      for (let p = 0; p < heads.length; p++) {
        const applied = await readApplied(store, p).catch(() => ({ offset: 0 }));
        behind += heads[p]! - applied.offset;
      }
      if (behind === 0) return;
      if (Date.now() > deadline) throw new Error(`workers still ${behind} records behind after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await store.close();
    await log.close();
  }
}
