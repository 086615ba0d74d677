import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath } from '../../test/support.js';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';

const INTERVAL_MS = 20;
const cleanups: (() => void)[] = [];
const settle = () => new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 8));

// A WAL database with ~1 MB committed to the WAL; the database file itself holds only
// what a checkpoint has copied back.
function walDatabase(): { db: Database.Database; path: string; write(): void } {
  const { path, cleanup } = tempDbPath();
  cleanups.push(cleanup);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x TEXT)');
  const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
  const write = db.transaction(() => {
    for (let i = 0; i < 256; i++) insert.run('x'.repeat(4096));
  });
  return { db, path, write };
}

describe('startCheckpointer', () => {
  let open: { db: Database.Database; checkpointer: Checkpointer } | undefined;
  afterEach(async () => {
    await open?.checkpointer.stop();
    open?.db.close();
    open = undefined;
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('copies the WAL back into the database file after a commit it is told of', async () => {
    const { db, path, write } = walDatabase();
    write();
    const checkpointer = startCheckpointer(path, INTERVAL_MS);
    open = { db, checkpointer };
    // The first tick checkpoints what was there at start: wait until it has run (a
    // worker thread can take a while to start on a loaded machine).
    await expect.poll(() => statSync(path).size, { timeout: 10_000 }).toBeGreaterThan(1_000_000);
    await settle();
    const before = statSync(path).size;
    write();
    await settle();
    expect(statSync(path).size, 'nothing signalled: no checkpoint').toBe(before);
    checkpointer.wrote();
    // The checkpoint runs on the checkpointer's own thread: on a loaded machine it can
    // take longer than a few intervals to be scheduled, so wait for it.
    await expect.poll(() => statSync(path).size, { timeout: 10_000 }).toBeGreaterThan(before + 1_000_000);
  });

  it('runs a last checkpoint when stopped', async () => {
    const { db, path, write } = walDatabase();
    const checkpointer = startCheckpointer(path, 60_000);
    write();
    const before = statSync(path).size;
    await checkpointer.stop();
    db.close();
    expect(statSync(path).size).toBeGreaterThan(before + 1_000_000);
  });
});
