import type { PulseConfig } from '@pulse/core';
import type { FastifyInstance } from 'fastify';
import { identityToken } from './auth/identity-token.js';
import { buildApp } from './http/build-app.js';
import type { CollectorContext } from './collector-context.js';
import { loadConfig } from './config/config-holder.js';
import { ensureKeys } from './auth/keys.js';
import { createMetrics } from './ops/metrics.js';
import { createRateLimiter, type RateLimit } from './ops/rate-limiter.js';
import { readConfigFile } from './config/read-config-file.js';
import { createRescorer, type Rescorer } from './scoring/rescorer.js';
import { every } from './jobs/every.js';
import type { StaticDirs } from './http/routes/static-routes.js';
import { defaultStaticDirs } from './http/static-dirs.js';
import { DEFAULT_DB, openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { DAY_MS, startScheduler } from './jobs/scheduler.js';
import { createWebhookDispatcher, type WebhookOptions } from './jobs/webhooks.js';
import { syncSegments } from './scoring/segment-changes.js';
import type { ServerTimeouts } from './http/server-timeouts.js';
import type { EventLog } from './log/event-log.js';

/**
 * Everything `createCollector` accepts; all optional. The CLI maps its flags and
 * `PULSE_*` variables onto these.
 *
 * @example
 * const options: CollectorOptions = { db: '/tmp/pulse-test.db', dev: true, rateLimit: false };
 */
export interface CollectorOptions {
  /** SQLite file path or `postgres://` URL. Default `DEFAULT_DB` (`./data/pulse.db`). */
  db?: string;
  /** An opened store instead of `db` (it is migrated, and closed by `close()` only when `ownStore`). */
  store?: Store;
  ownStore?: boolean;
  /** The config, or a path to `pulse.config.json`. Default: the stored one, else `DEFAULT_CONFIG`. */
  config?: PulseConfig | string;
  writeKey?: string;
  secretKey?: string;
  /** The dedupe and data namespace. Default `'default'`. */
  project?: string;
  /** Development mode: any CORS origin. Default `NODE_ENV !== 'production'`. */
  dev?: boolean;
  /** Per write key; `false` turns limiting off. Default 1,000 requests/s, bursts of 2,000. */
  rateLimit?: RateLimit | false;
  /** URLs that receive band-change webhooks, signed with the secret key. */
  webhooks?: readonly string[];
  webhookDelivery?: Partial<WebhookOptions>;
  /**
   * How often the scheduled recompute runs: the retention purge, then every user
   * re-scored at now (daily history, decay, inactivity, window expiry, lifecycle
   * moves, band-change webhooks); 0 = never. Default 1 day (`DAY_MS`).
   */
  recomputeIntervalMs?: number;
  /** @deprecated The former name of `recomputeIntervalMs` (used when that is not given). */
  sweepIntervalMs?: number;
  /** How often to pick up a config changed by another process; 0 = never. Default 5 s. */
  configPollMs?: number;
  /** Run webhook delivery, sweeps and config polling. Default true (the CLI turns it off for one-shot commands). */
  background?: boolean;
  /** Serve `GET /v1/dev/token/{userId}` in development mode, for demos without a backend. Default false. */
  devTokens?: boolean;
  /** A directory served at `/` (the demo). */
  staticDir?: string;
  /** Override where `/sdk/*` and `/dashboard/` are served from. */
  sdkDirs?: readonly string[];
  dashboardDir?: string;
  /** Fastify (pino) logger options; default off. */
  logger?: boolean | Record<string, unknown>;
  trustProxy?: boolean;
  /** HTTP deadlines against slow clients (see server-timeouts.ts); defaults in `DEFAULT_TIMEOUTS`. */
  timeouts?: Partial<ServerTimeouts>;
  /** The clock (epoch ms); tests pin it. */
  now?: () => number;
  /**
   * An opened event log (`openJetStreamLog`): ingestion publishes to it and
   * answers once it acknowledged; `pulse worker` applies. Closed by `close()`.
   */
  log?: EventLog;
}

/**
 * A running collector: the Fastify app, its store and keys.
 *
 * @example
 * const c: Collector = await createCollector({ db: ':memory:' });
 * const url = await c.listen({ port: 0 });
 */
export interface Collector extends Pick<Rescorer, 'rescore' | 'recompute' | 'sweep'> {
  app: FastifyInstance;
  store: Store;
  project: string;
  writeKey: string;
  secretKey: string;
  /** True when this start generated keys (print them once). */
  generatedKeys: boolean;
  context: CollectorContext;
  config(): PulseConfig;
  /** Starts listening (default 127.0.0.1, port 8787; port 0 picks a free one) and resolves to the base URL. */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  /** Stops accepting, drains in-flight requests, stops background work, closes the store. */
  close(): Promise<void>;
  /** `identityToken(secretKey, userId)`. */
  userToken(userId: string): string;
  /** Delivers due webhooks now; resolves to the number delivered. */
  deliverWebhooks(): Promise<number>;
}

const WEBHOOK_DEFAULTS: WebhookOptions = { intervalMs: 5000, maxAttempts: 8, baseDelayMs: 1000, timeoutMs: 10_000 };

function staticDirsOf(options: CollectorOptions): StaticDirs {
  const defaults = defaultStaticDirs();
  return {
    sdk: options.sdkDirs ?? defaults.sdk,
    dashboard: options.dashboardDir ?? defaults.dashboard,
    ...(options.staticDir === undefined ? {} : { root: options.staticDir }),
  };
}

/**
 * Opens (and migrates) the store, loads keys and config, rescoring when the
 * models changed since the rollups were built, and builds the Fastify app.
 * Tests and e2e specs start a real collector on port 0 with a temporary SQLite file.
 *
 * @example
 * const collector = await createCollector({ db: join(tmpdir(), 'pulse.db'), config: 'pulse.config.json' });
 * const url = await collector.listen({ port: 0 });
 * // … POST `${url}/v1/batch` with collector.writeKey …
 * await collector.close();
 */
export async function createCollector(options: CollectorOptions = {}): Promise<Collector> {
  const store = options.store ?? openStore(options.db ?? DEFAULT_DB);
  const ownStore = options.store === undefined || options.ownStore === true;
  try {
    await store.migrate();
    const project = options.project ?? 'default';
    const keys = await ensureKeys(store, options);
    const given = typeof options.config === 'string' ? readConfigFile(options.config) : options.config;
    const now = options.now ?? Date.now;
    const webhooks = options.webhooks ?? [];
    const configs = await loadConfig(store, given, async (tx, config) => {
      await syncSegments(tx, { project, config, webhooks, now: now() });
    });
    const background = options.background !== false;
    const delivery = { ...WEBHOOK_DEFAULTS, ...options.webhookDelivery };
    const dispatcher =
      background && webhooks.length > 0 ? createWebhookDispatcher(store, keys.secretKey, delivery) : null;
    const rescorer = createRescorer({
      store,
      project,
      configs,
      webhooks,
      now,
      onBandChanges: () => dispatcher?.kick(),
    });
    const ctx: CollectorContext = {
      store,
      project,
      writeKey: keys.writeKey,
      secretKey: keys.secretKey,
      configs,
      metrics: createMetrics(),
      limiter:
        options.rateLimit === false ? null : createRateLimiter(options.rateLimit ?? { perSecond: 1000, burst: 2000 }),
      webhooks,
      dispatcher,
      dev: options.dev ?? process.env.NODE_ENV !== 'production',
      now,
      rescore: rescorer.rescore,
      ...(options.log === undefined ? {} : { log: options.log }),
    };
    await rescorer.rescoreIfModelsChanged();
    const app = await buildApp(ctx, {
      logger: options.logger ?? false,
      staticDirs: staticDirsOf(options),
      trustProxy: options.trustProxy ?? false,
      devTokens: options.devTokens ?? false,
      timeouts: options.timeouts ?? {},
    });
    const stops = background
      ? [
          startScheduler({
            store,
            intervalMs: options.recomputeIntervalMs ?? options.sweepIntervalMs ?? DAY_MS,
            now,
            job: () => rescorer.recompute(),
            onError: (error) => app.log.error({ err: error }, 'scheduled recompute failed'),
          }),
          every(options.configPollMs ?? 5000, () => configs.refresh()),
        ]
      : [];
    let closing: Promise<void> | null = null;
    return {
      app,
      store,
      project,
      writeKey: keys.writeKey,
      secretKey: keys.secretKey,
      generatedKeys: keys.generated,
      context: ctx,
      config: () => configs.current().document,
      listen: (o = {}) => app.listen({ port: o.port ?? 8787, host: o.host ?? '127.0.0.1' }),
      close() {
        closing ??= (async () => {
          for (const stop of stops) stop();
          await app.close();
          await dispatcher?.close();
          await options.log?.close();
          if (ownStore) await store.close();
        })();
        return closing;
      },
      userToken: (userId) => identityToken(keys.secretKey, userId),
      rescore: rescorer.rescore,
      recompute: rescorer.recompute,
      sweep: rescorer.sweep,
      async deliverWebhooks() {
        if (dispatcher !== null) return dispatcher.runOnce();
        if (webhooks.length === 0) return 0;
        // One-shot commands (`pulse recompute`) run without the background loop: one pass, then stop.
        const once = createWebhookDispatcher(store, keys.secretKey, delivery);
        try {
          return await once.runOnce();
        } finally {
          await once.close();
        }
      },
    };
  } catch (error) {
    if (ownStore) await store.close().catch(() => undefined);
    throw error;
  }
}
