import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Runs in a worker thread, so that copying the WAL back into the database file
// (and its fsync) never blocks the event loop. PASSIVE never blocks the writer.
// The worker sleeps on the commit counter the writer bumps (Atomics.wait), so an
// idle collector costs nothing; after a checkpoint it waits the interval, so
// checkpoints stay small but never run back to back. One that could not copy
// every frame is tried again after the interval. state[0]: commits, state[1]: stop.
const WORKER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const state = new Int32Array(workerData.state);
const pause = new Int32Array(new SharedArrayBuffer(4));
const checkpoint = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    return !r.busy && r.checkpointed >= r.log;
  } catch {
    return false;
  }
};
let seen = -1;
while (Atomics.load(state, 1) === 0) {
  Atomics.wait(state, 0, seen, 1000);
  if (Atomics.load(state, 1) !== 0) break;
  const n = Atomics.load(state, 0);
  if (n === seen) continue;
  seen = checkpoint() ? n : -1;
  Atomics.wait(pause, 0, 0, workerData.intervalMs);
}
checkpoint();
db.close();
`;

/**
 * A background WAL checkpointer for one SQLite file: `wrote()` after each
 * commit; `stop()` runs a last checkpoint and ends the worker.
 *
 * @example
 * const checkpointer: Checkpointer = startCheckpointer('./data/pulse.db', 25);
 */
export interface Checkpointer {
  wrote(): void;
  stop(): Promise<void>;
}

/**
 * Starts the checkpointer: at most one checkpoint per `intervalMs`, and none
 * while nothing was written.
 *
 * @example
 * const checkpointer = startCheckpointer('./data/pulse.db', 25);
 * checkpointer.wrote();
 * await checkpointer.stop();
 */
export function startCheckpointer(path: string, intervalMs: number): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const state = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(WORKER, { eval: true, workerData: { path, module, intervalMs, state: state.buffer } });
  worker.unref();
  // A failing checkpointer only lets the WAL grow until SQLite's own checkpoint.
  worker.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    wrote() {
      Atomics.add(state, 0, 1);
      Atomics.notify(state, 0);
    },
    stop() {
      // Ref'd again so that the process waits for the final checkpoint.
      worker.ref();
      Atomics.store(state, 1, 1);
      Atomics.notify(state, 0);
      return exited;
    },
  };
}
