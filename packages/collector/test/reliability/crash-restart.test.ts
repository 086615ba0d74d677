import { afterAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../support.js';
import { freePort, startCollectorProcess, type CollectorProcess } from './collector-process.js';
import { seededRandom, startLoad } from './load-generator.js';
import { freshDatabase, PG_URL } from './postgres-databases.js';
import { inspectDatabase } from './stored-state.js';

// Crash safety: `pulse serve` is SIGKILLed at seeded random moments under load
// and restarted on the same port; clients retry until a 2xx. Afterwards every
// acknowledged messageId is stored exactly once and the stored rollups equal a
// rebuild from the raw events. PULSE_FAULT_SEED replays a run.
const SEED = Number(process.env.PULSE_FAULT_SEED ?? 20_261_122);
const KILLS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Database {
  name: string;
  open(): Promise<{ db: string; cleanup(): Promise<void> }>;
}

const databases: Database[] = [
  {
    name: 'sqlite',
    async open() {
      const t = tempDbPath();
      return { db: t.path, cleanup: async () => t.cleanup() };
    },
  },
];
if (PG_URL === undefined) console.log('PostgreSQL crash test not run: set PULSE_TEST_POSTGRES=postgres://… to run it');
else {
  const base = PG_URL;
  databases.push({
    name: 'postgres',
    async open() {
      const d = await freshDatabase(base, 'pulse_crash');
      return { db: d.url, cleanup: d.drop };
    },
  });
}

for (const database of databases) {
  describe(`crash safety on ${database.name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const c of cleanups.splice(0)) await c();
    });

    it(`keeps every acknowledged event exactly once through ${KILLS} SIGKILLs, rollups equal to a rescore`, async () => {
      const { db, cleanup } = await database.open();
      const port = await freePort();
      let current: CollectorProcess = await startCollectorProcess({ db, port });
      cleanups.push(async () => {
        await current.kill();
        await cleanup();
      });
      const rng = seededRandom(SEED);
      const load = startLoad({ seed: SEED, clients: 4, users: 25, url: () => current.url, sentAt: true });
      const killedAt: number[] = [];
      for (let k = 0; k < KILLS; k++) {
        const uptime = 300 + Math.floor(rng() * 900);
        await sleep(uptime);
        killedAt.push(load.stats.acked.size);
        await current.kill();
        expect(await current.exited).toBe('SIGKILL');
        await sleep(Math.floor(rng() * 300)); // clients meet a closed port meanwhile
        current = await startCollectorProcess({ db, port });
      }
      await sleep(300);
      await load.stop();
      await current.stop();

      const { stats } = load;
      const { counts, stored, rescored } = await inspectDatabase(db);
      const missing = [...stats.acked].filter((id) => counts.get(id) !== 1);
      const doubled = [...counts].filter(([, n]) => n !== 1);
      const unknown = [...counts.keys()].filter((id) => !stats.sent.has(id));
      console.log(
        `crash ${database.name} seed=${SEED}: kills=${KILLS} (acked so far at each: ${killedAt.join(', ')}), ` +
          `events sent=${stats.sent.size} acked=${stats.acked.size} stored=${counts.size}, requests=${stats.requests} ` +
          `ok=${stats.ok} networkErrors=${stats.networkErrors} statuses=${JSON.stringify(stats.statuses)} ` +
          `duplicatesAcked=${stats.duplicates}, users=${stored.length}`,
      );
      expect(missing).toEqual([]);
      expect(doubled).toEqual([]);
      expect(unknown).toEqual([]);
      expect(stats.rejected).toBe(0);
      expect(stats.miscounted).toBe(0);
      // The drain retried every batch to a 2xx: nothing generated is left unstored.
      expect(counts.size).toBe(stats.sent.size);
      // The kills really hit a loaded collector: some requests died with it.
      expect(stats.networkErrors).toBeGreaterThan(0);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored).toEqual(rescored);
    }, 60_000);
  });
}
