import { utcDay, type NormalizedConfig, type PulseEvent } from '@pulse/core';
import { compactHistory, dailyHistory, historyMarks, HISTORY_DAYS, type ReplayEvent } from './daily-history.js';
import { carryPurged } from './carry-purged.js';
import type { ConfigHolder } from '../config/config-holder.js';
import type { ScoreRow, Store, StoredEvent } from '../store/store.js';
import { isScoredBody } from '../store/unverified-mark.js';
import { storeRescored } from './store-rescored.js';
import { applyEvent } from './user-scoring.js';

/**
 * What a rescore or recompute did: users re-scored, events replayed (a rebuild
 * only), band changes (each fires the webhooks) and lifecycle model moves.
 *
 * @example
 * const s: RescoreSummary = { users: 120, events: 5400, bandChanges: 3, modelChanges: 1 };
 */
export interface RescoreSummary {
  users: number;
  events: number;
  bandChanges: number;
  modelChanges: number;
}

/**
 * Settings of `refreshUsers`: `rebuild` re-derives every rollup from raw events
 * (after a model change); without it users are only re-scored at `now` (the
 * periodic sweep that records daily history and catches bands that changed by
 * inactivity alone).
 *
 * @example
 * const o: RefreshOptions = { store, project: 'default', configs, webhooks: [], now: Date.now(), rebuild: true };
 */
export interface RefreshOptions {
  store: Store;
  project: string;
  configs: ConfigHolder;
  webhooks: readonly string[];
  now: number;
  rebuild: boolean;
  /** The cutoff of the last retention purge: a rebuild keeps what older events had given (`carryPurged`). */
  purgedBefore?: number | null;
  pageSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Re-scores every user page by page, each page in its own transaction with the
 * users locked, so ingestion can go on meanwhile. Band changes found here fire
 * webhooks like those found at ingestion.
 *
 * @example
 * await refreshUsers({ store, project, configs, webhooks, now: Date.now(), rebuild: true, onProgress: bar.update });
 */
export async function refreshUsers(o: RefreshOptions): Promise<RescoreSummary> {
  const total = await o.store.countUsers(o.project);
  const summary: RescoreSummary = { users: 0, events: 0, bandChanges: 0, modelChanges: 0 };
  let after = '';
  o.onProgress?.(0, total);
  for (;;) {
    const keys = await o.store.listUserKeys(o.project, after, o.pageSize ?? 200);
    if (keys.length === 0) break;
    after = keys[keys.length - 1] as string;
    await o.store.transaction(async (tx) => {
      const config = await o.configs.inTransaction(tx);
      const users = await tx.lockUsers(o.project, keys);
      const events = o.rebuild ? await tx.usersEvents(o.project, [...users.keys()]) : new Map<string, StoredEvent[]>();
      const history: ScoreRow[] = [];
      for (const user of users.values()) {
        if (o.rebuild) {
          // Traits are re-derived too: identify calls replayed in arrival order.
          const old = user.rollups;
          const oldTraits = user.traits;
          user.rollups = {};
          user.traits = {};
          const replay: ReplayEvent[] = [];
          for (const e of events.get(user.key) ?? []) {
            if (!isScoredBody(e.body, config)) continue;
            const event = JSON.parse(e.body) as PulseEvent;
            applyEvent(user, event, e.at, config.models);
            replay.push({ id: e.id, at: e.at, event });
            summary.events += 1;
          }
          // The same events give the daily history: a rebuild also backfills the days before the first recorded.
          const daily = dailyHistory(replay, config, historyFrom(o, config), o.now);
          for (const row of compactHistory(daily)) history.push({ ...row, userKey: user.key });
          // The users list's 7-day change and latest band change, from the same replay.
          Object.assign(user, historyMarks(daily, config, utcDay(o.now)));
          if (o.purgedBefore != null) {
            carryPurged(old, user.rollups, o.purgedBefore, config.models);
            // Traits from purged identify calls stay, under the ones replayed now.
            user.traits = { ...oldTraits, ...user.traits };
          }
        }
      }
      await tx.fillHistories(o.project, history);
      const at = { project: o.project, config, webhooks: o.webhooks, now: o.now };
      const { bandChanges, moves } = await storeRescored(tx, at, users.values());
      summary.bandChanges += bandChanges.length;
      summary.modelChanges += moves.length;
    });
    summary.users += keys.length;
    o.onProgress?.(summary.users, Math.max(total, summary.users));
  }
  return summary;
}

/**
 * The first day a rebuild recomputes history for: HISTORY_DAYS back, but after a
 * retention purge only days whose whole window still has its events.
 */
function historyFrom(o: RefreshOptions, config: NormalizedConfig): number {
  const oldest = utcDay(o.now) - HISTORY_DAYS + 1;
  if (o.purgedBefore == null) return oldest;
  const window = Math.max(...config.models.map((m) => m.windowDays));
  return Math.max(oldest, utcDay(o.purgedBefore) + window + 1);
}
