import { purgeExpiredEvents, PURGED_BEFORE_META } from './purge.js';
import { refreshUsers, type RefreshOptions, type RescoreSummary } from './refresh-users.js';

/** Where the hash of the models the rollups were built with is kept. */
export const MODELS_HASH_META = 'models_hash';

/**
 * What a recompute did: the rescore summary plus the events purged by retention.
 *
 * @example
 * const s: RecomputeSummary = { users: 120, events: 0, bandChanges: 3, modelChanges: 1, purgedEvents: 5000 };
 */
export interface RecomputeSummary extends RescoreSummary {
  purgedEvents: number;
}

/**
 * Everything that re-scores users in bulk, over one store and config.
 *
 * @example
 * const rescorer: Rescorer = createRescorer({ store, project, configs, webhooks: [], now: Date.now });
 * await rescorer.recompute();
 */
export interface Rescorer {
  /**
   * Rebuilds every rollup from raw events (after a model change) and records the models it used;
   * `pageSize` users per transaction (200 unless said: short transactions beside live ingestion).
   */
  rescore(onProgress?: (done: number, total: number) => void, pageSize?: number): Promise<RescoreSummary>;
  /** What the schedule runs: purges events past `retention`, then re-scores everyone at now. */
  recompute(onProgress?: (done: number, total: number) => void): Promise<RecomputeSummary>;
  /** Re-scores everyone at now, without the purge. */
  sweep(): Promise<RescoreSummary>;
  /** Rescores when the models changed since the rollups were built (at start). */
  rescoreIfModelsChanged(): Promise<void>;
}

/**
 * Settings of `createRescorer`; `onBandChanges` runs after every bulk run (the
 * webhook dispatcher's `kick`, so the outbox drains soon).
 *
 * @example
 * const o: RescorerOptions = { store, project: 'default', configs, webhooks: [], now: Date.now, onBandChanges: () => dispatcher.kick() };
 */
export interface RescorerOptions extends Pick<RefreshOptions, 'store' | 'project' | 'configs' | 'webhooks'> {
  now: () => number;
  onBandChanges?: () => void;
}

/**
 * The rescore, the scheduled recompute and the sweep over `refreshUsers`: a
 * rebuild carries over what purged events gave (from the last purge's cutoff),
 * and each run ends by calling `onBandChanges`.
 *
 * @example
 * const rescorer = createRescorer({ store, project, configs, webhooks, now: Date.now });
 * await rescorer.rescoreIfModelsChanged();
 */
export function createRescorer(o: RescorerOptions): Rescorer {
  const { store, project, configs, webhooks } = o;
  const refresh = async (rebuild: boolean, onProgress?: (done: number, total: number) => void, pageSize?: number) =>
    refreshUsers({
      store,
      project,
      configs,
      webhooks,
      now: o.now(),
      rebuild,
      purgedBefore: rebuild ? Number((await store.getMeta(PURGED_BEFORE_META)) ?? 0) || null : null,
      ...(onProgress ? { onProgress } : {}),
      ...(pageSize ? { pageSize } : {}),
    });
  const rescorer: Rescorer = {
    async rescore(onProgress, pageSize) {
      const modelsHash = configs.current().modelsHash;
      const summary = await refresh(true, onProgress, pageSize);
      await store.transaction((tx) => tx.setMeta(MODELS_HASH_META, modelsHash));
      o.onBandChanges?.();
      return summary;
    },
    async recompute(onProgress) {
      const purgedEvents = await purgeExpiredEvents({ store, project, config: configs.current().config, now: o.now() });
      const summary = await refresh(false, onProgress);
      o.onBandChanges?.();
      return { ...summary, purgedEvents };
    },
    sweep: () => refresh(false),
    async rescoreIfModelsChanged() {
      if ((await store.getMeta(MODELS_HASH_META)) !== configs.current().modelsHash) await rescorer.rescore();
    },
  };
  return rescorer;
}
