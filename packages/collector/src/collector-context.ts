import type { ConfigHolder } from './config/config-holder.js';
import type { Metrics } from './ops/metrics.js';
import type { RateLimiter } from './ops/rate-limiter.js';
import type { RescoreSummary } from './scoring/refresh-users.js';
import type { Store } from './store/store.js';
import type { WebhookDispatcher } from './jobs/webhooks.js';
import type { EventLog } from './log/event-log.js';

/**
 * What the routes share: storage, keys, the active config, metrics, the rate
 * limiter and the clock. Built once by `createCollector`.
 *
 * @example
 * registerIngestRoutes(app, ctx);
 */
export interface CollectorContext {
  store: Store;
  project: string;
  writeKey: string;
  secretKey: string;
  configs: ConfigHolder;
  metrics: Metrics;
  limiter: RateLimiter | null;
  webhooks: readonly string[];
  dispatcher: WebhookDispatcher | null;
  dev: boolean;
  now(): number;
  /** The replicated event log ingestion publishes to (`pulse serve --log`); absent: commit directly. */
  log?: EventLog;
  rescore(onProgress?: (done: number, total: number) => void, pageSize?: number): Promise<RescoreSummary>;
}
