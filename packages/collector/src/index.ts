export { createCollector } from './create-collector.js';
export { calibrate } from './calibrate/calibrate.js';
export type { CalibrateOptions, CalibrationReport } from './calibrate/calibrate.js';
export { parseOutcome } from './calibrate/outcome.js';
export type { Outcome } from './calibrate/outcome.js';
export type { Collector, CollectorOptions } from './create-collector.js';
export type { RecomputeSummary } from './scoring/rescorer.js';
export { identityToken } from './auth/identity-token.js';
export { DEFAULT_CONFIG } from './config/default-config.js';
export { ERROR_KINDS, isPulseError, PulseError } from './errors.js';
export type { ErrorKind, PulseErrorOptions } from './errors.js';
export { openApiDocument } from './http/openapi.js';
export { openStore } from './store/open-store.js';
export { createSqliteStore } from './store/sqlite-store.js';
export { createPostgresStore } from './store/postgres-store.js';
export type { PostgresStoreOptions } from './store/postgres-store.js';
export type {
  ErasedCounts,
  EventRow,
  LifecycleRow,
  OutboxRow,
  ScoreRow,
  Store,
  StoreTx,
  StoredEvent,
  UserRecord,
  WebhookRow,
} from './store/store.js';
export { EXPORT_FORMATS, exportUsers, safeCell } from './analytics/export-users.js';
export type { ExportedUser, ExportFormat, ExportOptions } from './analytics/export-users.js';
export { parseInterval } from './jobs/scheduler.js';
export { signWebhook } from './jobs/webhooks.js';
export type { WebhookOptions } from './jobs/webhooks.js';
export type { RateLimit } from './ops/rate-limiter.js';
export type { RescoreSummary } from './scoring/refresh-users.js';
export type { GroupState, UserStateResponse, UserStateResponse as UserStateWithTrend } from './contract/state.js';
