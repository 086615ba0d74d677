import { DAY_MS, type NormalizedConfig } from '@pulse/core';
import type { Store } from '../store/store.js';

/** Events are deleted this many ids at a time, each range in its own short transaction, so ingestion goes on. */
const ID_RANGE = 10_000;

/** Where the time of the latest purge's cutoff is kept (rebuilds carry older facts over, see `carryPurged`). */
export const PURGED_BEFORE_META = 'purged_before';

/**
 * Settings of `purgeExpiredEvents`.
 *
 * @example
 * const o: PurgeOptions = { store, project: 'default', config, now: Date.now() };
 */
export interface PurgeOptions {
  store: Store;
  project: string;
  config: NormalizedConfig;
  now: number;
}

/**
 * Deletes the raw events stored for a time more than `retention.eventsDays`
 * before `now` (nothing without `retention`) and records the cutoff. Walks the
 * events by id range rather than by an index on their time, which every insert
 * would pay for. Resolves to the number of events deleted.
 *
 * @example
 * const purged = await purgeExpiredEvents({ store, project, config, now: Date.now() });
 */
export async function purgeExpiredEvents(o: PurgeOptions): Promise<number> {
  const days = o.config.retention?.eventsDays;
  if (days === undefined) return 0;
  const before = o.now - days * DAY_MS;
  const top = await o.store.maxEventId(o.project);
  let purged = 0;
  for (let from = 0; from < top; from += ID_RANGE) {
    purged += await o.store.purgeEvents(o.project, before, from, Math.min(from + ID_RANGE, top));
  }
  const previous = Number((await o.store.getMeta(PURGED_BEFORE_META)) ?? 0);
  if (before > previous) await o.store.transaction((tx) => tx.setMeta(PURGED_BEFORE_META, String(before)));
  return purged;
}
