import { createCollector } from '../../src/create-collector.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store, UserRecord } from '../../src/store/store.js';
import { SAAS_CONFIG } from '../../../core/test/saas-config.js';
import { SECRET_KEY, WRITE_KEY } from './collector-process.js';

/** A user's derived data as stored (the score day left out: it only says when the row was written). */
export type UserSnapshot = Pick<UserRecord, 'key' | 'traits' | 'rollups' | 'score' | 'band'>;

/**
 * messageId → how many stored rows carry it, for the default project.
 *
 * @example
 * const counts = await storedMessageCounts(store);
 * counts.get('m-1'); // → 1
 */
export async function storedMessageCounts(store: Store): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let after = 0; ;) {
    const page = await store.listEvents('default', after, 1000);
    if (page.length === 0) return counts;
    for (const e of page) counts.set(e.messageId, (counts.get(e.messageId) ?? 0) + 1);
    after = page[page.length - 1]?.id ?? after;
  }
}

/**
 * Every user of the default project, in key order.
 *
 * @example
 * const users = await userSnapshots(store);
 */
export async function userSnapshots(store: Store): Promise<UserSnapshot[]> {
  const out: UserSnapshot[] = [];
  for (let after = ''; ;) {
    const keys = await store.listUserKeys('default', after, 500);
    if (keys.length === 0) return out;
    for (const key of keys) {
      const u = await store.getUser('default', key);
      if (u !== null) out.push({ key: u.key, traits: u.traits, rollups: u.rollups, score: u.score, band: u.band });
    }
    after = keys[keys.length - 1] as string;
  }
}

/**
 * Opens the database the collector processes used (after they stopped) and
 * reads what they left: per-messageId counts and the users as stored, then the
 * users again after `pulse rescore` (`refreshUsers({ rebuild: true })`) rebuilt
 * every rollup from the raw events.
 *
 * @example
 * const { counts, stored, rescored } = await inspectDatabase(dbPath);
 * expect(stored).toEqual(rescored);
 */
export async function inspectDatabase(db: string): Promise<{
  counts: Map<string, number>;
  stored: UserSnapshot[];
  rescored: UserSnapshot[];
}> {
  const store = openStore(db);
  try {
    // Read before createCollector: were the models to differ, it would rescore at start.
    const counts = await storedMessageCounts(store);
    const stored = await userSnapshots(store);
    const collector = await createCollector({
      store,
      config: SAAS_CONFIG,
      writeKey: WRITE_KEY,
      secretKey: SECRET_KEY,
      background: false,
      rateLimit: false,
    });
    await collector.rescore();
    const rescored = await userSnapshots(store);
    await collector.close();
    return { counts, stored, rescored };
  } finally {
    await store.close();
  }
}
