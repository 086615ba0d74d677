import type { PulseEvent } from '@pulse/core';
import type { ConfigHolder } from './config-state.js';
import type { Store, UserRecord } from './store/store.js';
import { applyEvent, rescoreUser, type BandChange } from './user-scoring.js';
import { bandChangeDeliveries } from './webhooks.js';

/**
 * What a rescore or sweep did.
 *
 * @example
 * const s: RescoreSummary = { users: 120, events: 5400, bandChanges: 3 };
 */
export interface RescoreSummary {
  users: number;
  events: number;
  bandChanges: number;
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
  const summary: RescoreSummary = { users: 0, events: 0, bandChanges: 0 };
  let after = '';
  o.onProgress?.(0, total);
  for (;;) {
    const keys = await o.store.listUserKeys(o.project, after, o.pageSize ?? 200);
    if (keys.length === 0) break;
    after = keys[keys.length - 1] as string;
    await o.store.transaction(async (tx) => {
      const config = await o.configs.inTransaction(tx);
      const users = await tx.lockUsers(o.project, keys);
      const history = [];
      const changes: BandChange[] = [];
      const saved: UserRecord[] = [];
      for (const user of users.values()) {
        if (o.rebuild) {
          // Traits are re-derived too: identify calls replayed in arrival order.
          user.rollups = {};
          user.traits = {};
          for (const e of await tx.userEvents(o.project, user.key)) {
            applyEvent(user, JSON.parse(e.body) as PulseEvent, e.at, config.models);
            summary.events += 1;
          }
        }
        const { history: row, change } = rescoreUser(user, config, o.now);
        if (row !== null) history.push(row);
        if (change !== null) changes.push(change);
        saved.push(user);
      }
      await tx.saveUsers(o.project, saved);
      await tx.recordScores(o.project, history);
      if (o.webhooks.length > 0) await tx.enqueueWebhooks(bandChangeDeliveries(changes, o.webhooks, o.now));
      summary.bandChanges += changes.length;
    });
    summary.users += keys.length;
    o.onProgress?.(summary.users, Math.max(total, summary.users));
  }
  return summary;
}
