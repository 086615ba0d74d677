import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './collector-process.js';

/** The shared test server (CI sets it), or undefined when PostgreSQL tests are off. */
export const PG_URL = process.env.PULSE_TEST_POSTGRES || undefined;

/**
 * A database of its own on the shared server (`CREATE DATABASE <prefix>_<random>`),
 * dropped by `drop()`, so tests that restart or run several collectors never see
 * another test's tables.
 *
 * @example
 * const db = await freshDatabase(PG_URL, 'pulse_crash');
 * // … collectors on db.url …
 * await db.drop();
 */
export async function freshDatabase(baseUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

/**
 * Why a private PostgreSQL cluster cannot run here, or null when it can: the
 * server binaries, root (to run them as the `postgres` OS user) and the shared
 * server's variable (PostgreSQL tests are on) are needed.
 *
 * @example
 * const reason = privateClusterUnavailable(); // → null in CI
 */
export function privateClusterUnavailable(): string | null {
  if (PG_URL === undefined) return 'set PULSE_TEST_POSTGRES=postgres://… to run PostgreSQL tests';
  if (!existsSync(`${PG_BIN}/pg_ctl`)) return `no PostgreSQL server binaries in ${PG_BIN}`;
  if (process.getuid?.() !== 0) return 'a private PostgreSQL cluster needs root (to run as the postgres user)';
  return null;
}

/**
 * A throwaway PostgreSQL cluster (initdb in a temp dir, a random port, trust
 * auth, fsync off) that a test may really stop and start, leaving the shared
 * server alone. `destroy()` stops it immediately and removes its files.
 *
 * @example
 * const pgc = await startPrivateCluster();
 * await pgc.stop(); // the collector now sees connection refused
 * await pgc.start();
 * await pgc.destroy();
 */
export async function startPrivateCluster(): Promise<{
  url: string;
  start(): void;
  stop(): void;
  destroy(): void;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-pg-'));
  chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
  const port = await freePort();
  const data = join(dir, 'data');
  const asPostgres = (bin: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', `${PG_BIN}/${bin}`, ...args], { stdio: 'pipe', timeout: 30_000 });
  asPostgres('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => void asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = () => void asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy() {
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
