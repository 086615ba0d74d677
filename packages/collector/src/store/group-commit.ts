import type Database from 'better-sqlite3';
import type { StoreTx } from './store.js';

interface Outcome {
  unit: Pending;
  ok: boolean;
  value: unknown;
}

interface Pending {
  fn: (tx: StoreTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs transactions for one SQLite connection.
 *
 * @example
 * const group: GroupCommit = createGroupCommit(db, () => createTx(db, statements), () => checkpointer.wrote());
 */
export interface GroupCommit {
  run<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
}

// A group takes units until it has run this long (or holds MAX_GROUP): enough
// to amortise one fsync, short enough to keep every unit's latency low.
const MAX_GROUP = 64;
const MAX_GROUP_MS = 10;

/**
 * Group commit: every transaction requested while the previous group was
 * running (or in the same turn of the event loop) shares one `BEGIN IMMEDIATE …
 * COMMIT`, and so one fsync, each inside its own SAVEPOINT so that one failing
 * unit rolls back alone. A unit's promise settles only after the group's COMMIT,
 * so a caller never acknowledges data that is not durable. The units run one
 * after another (better-sqlite3 is synchronous; the queue also keeps another
 * request's statements out of an open transaction).
 *
 * @example
 * const inserted = await group.run((tx) => tx.insertEvents(project, rows));
 */
export function createGroupCommit(
  db: Database.Database,
  makeTx: () => StoreTx,
  onCommit: () => void = () => undefined,
): GroupCommit {
  let queue: Pending[] = [];
  let running: Promise<void> | null = null;

  // Runs units until the group is long enough and returns how many it took;
  // the rest go back to the front of the queue.
  async function runUnits(units: Pending[], ran: Outcome[]): Promise<number> {
    const tx = makeTx();
    const started = performance.now();
    for (const unit of units) {
      if (ran.length > 0 && performance.now() - started > MAX_GROUP_MS) {
        queue = units.slice(ran.length).concat(queue);
        return ran.length;
      }
      db.exec('SAVEPOINT unit');
      try {
        const value = await unit.fn(tx);
        db.exec('RELEASE unit');
        ran.push({ unit, ok: true, value });
      } catch (error) {
        ran.push({ unit, ok: false, value: error });
        db.exec('ROLLBACK TO unit');
        db.exec('RELEASE unit');
      }
    }
    return units.length;
  }

  async function runGroup(units: Pending[]): Promise<void> {
    const ran: Outcome[] = [];
    let taken = units.length;
    try {
      db.exec('BEGIN IMMEDIATE');
      taken = await runUnits(units, ran);
      db.exec('COMMIT');
      onCommit();
    } catch (error) {
      // BEGIN, COMMIT or a savepoint failed (busy, disk full, I/O): nothing of
      // the group is durable, so every unit it took fails (clients retry).
      if (db.inTransaction) db.exec('ROLLBACK');
      for (const unit of units.slice(0, taken)) unit.reject(error);
      return;
    }
    for (const r of ran) (r.ok ? r.unit.resolve : r.unit.reject)(r.value);
  }

  function drain(): void {
    if (running !== null || queue.length === 0) return;
    running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        const units = queue.slice(0, MAX_GROUP);
        queue = queue.slice(units.length);
        return runGroup(units);
      })
      .finally(() => {
        running = null;
        drain();
      });
  }

  return {
    run<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
        drain();
      });
    },
    async idle() {
      while (running !== null) await running;
    },
  };
}
