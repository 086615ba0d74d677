import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Runs in a worker thread, so that copying the WAL back into the database file
// (and its fsync) never blocks the event loop. PASSIVE never blocks the writer.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const tick = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); tick(); db.close(); parentPort.close(); });
`;

/**
 * A background WAL checkpointer for one SQLite file.
 *
 * @example
 * const stop = startCheckpointer('./data/pulse.db', 500);
 * await stop();
 */
export function startCheckpointer(path: string, intervalMs: number): () => Promise<void> {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { path, module, intervalMs } });
  worker.unref();
  // A failing checkpointer only lets the WAL grow until SQLite's own checkpoint.
  worker.on('error', () => undefined);
  return () =>
    new Promise<void>((resolve) => {
      // Ref'd again so that the process waits for the final checkpoint.
      worker.ref();
      worker.once('exit', () => resolve());
      worker.postMessage('stop');
    });
}
