import type { AdminStore, ConfigVersionRow } from './admin-store.js';
import type { Rollup } from '@pulse/core';
import type { AccountScoreRow } from './membership-tx.js';
import type { ResolvedUserFilter, UserListQuery, UserListRow } from './user-list-sql.js';

/**
 * One score of one user as last computed (a row of `user_scores`).
 *
 * @example
 * const s: UserScore = { modelId: 'churn', score: 72, band: 'at-risk', scoreDay: 20424 };
 */
export interface UserScore {
  /** The model the user was last scored under in this score (lifecycle moves are recorded when it changes). */
  modelId: string | null;
  score: number | null;
  band: string | null;
  /** UTC day of the last daily row written for this score. */
  scoreDay: number | null;
}

/**
 * One identity's derived data. `key` is `u:<userId>` for identified users and
 * `a:<anonymousId>` for anonymous ones (see `user-keys.ts`). `score`, `band`,
 * `scoreDay` and `modelId` mirror the default score (`scores[defaultScore]`).
 *
 * @example
 * const u: UserRecord = { key: 'u:42', traits: { plan: 'trial' }, rollups: {}, score: null, band: null, scoreDay: null, modelId: null, scores: {} };
 */
export interface UserRecord {
  key: string;
  /** Latest traits, merged from identify calls in arrival order. */
  traits: Record<string, unknown>;
  /** Model id → rollup, one per model in the config (model ids are unique across scores). */
  rollups: Record<string, Rollup>;
  /** Last computed score and band of the default score (what today's top-level fields show). */
  score: number | null;
  band: string | null;
  /** UTC day of the last daily row written for the default score. */
  scoreDay: number | null;
  /** The model the user was last scored under in the default score. */
  modelId: string | null;
  /** Every score by score id (what band-change webhooks compare with). */
  scores: Record<string, UserScore>;
  /** The latest score on or before 7 days before `scoreDay` (the users list's scoreChange7d). */
  score7dAgo?: number | null;
  /** When the band last changed, and whether to a higher (1) or lower (-1) band. */
  bandChangedAt?: number | null;
  bandDirection?: 1 | -1 | null;
}

/**
 * A raw event as stored: `at` is the skew-corrected time (epoch ms), `body`
 * the validated event as JSON.
 *
 * @example
 * const row: EventRow = { messageId: 'm1', userKey: 'u:42', type: 'track', at: 1795305600000, receivedAt: 1795305601000, body: '{…}' };
 */
export interface EventRow {
  messageId: string;
  userKey: string;
  type: string;
  at: number;
  receivedAt: number;
  body: string;
}

/**
 * A stored event with its insertion order (`id` grows with arrival).
 *
 * @example
 * const e: StoredEvent = { id: 1, messageId: 'm1', userKey: 'u:42', type: 'track', at: 0, receivedAt: 0, body: '{}' };
 */
export interface StoredEvent extends EventRow {
  id: number;
}

/**
 * An account member as the accounts views read it.
 *
 * @example
 * const m: AccountMemberRow = { groupId: 'acme', groupTraits: {}, user: record, lastSeen: 0 };
 */
export interface AccountMemberRow {
  groupId: string;
  groupTraits: Record<string, unknown>;
  user: UserRecord;
  lastSeen: number;
}

/**
 * One day's score of one user in one score (a row of `score_days`).
 *
 * @example
 * const h: ScoreRow = { userKey: 'u:42', scoreId: 'engagement', day: 20414, modelId: 'saas', score: 63, band: 'medium' };
 */
export interface ScoreRow {
  userKey: string;
  scoreId: string;
  day: number;
  modelId: string | null;
  score: number;
  band: string;
}

/**
 * A user's move from one model to another (a lifecycle stage change), at `at` (epoch ms).
 *
 * @example
 * const m: LifecycleRow = { userKey: 'u:42', at: 1795305600000, from: 'trial', to: 'active' };
 */
export interface LifecycleRow {
  userKey: string;
  at: number;
  from: string;
  to: string;
}

/**
 * What `eraseUser` deleted, by kind (`identities` counts the user and the
 * anonymous ids linked to it that had rows of their own).
 *
 * @example
 * const e: ErasedCounts = { events: 120, identities: 1, scoreHistory: 30, lifecycle: 2, memberships: 1, links: 2, webhooks: 0 };
 */
export interface ErasedCounts {
  events: number;
  identities: number;
  scoreHistory: number;
  lifecycle: number;
  memberships: number;
  links: number;
  webhooks: number;
}

/**
 * A webhook to enqueue; `project` and `userKey` say whom it is about (erasure drops it with the user).
 *
 * @example
 * const w: WebhookRow = { url: 'https://crm.example.com/hook', payload: '{…}', project: 'default', userKey: 'u:42' };
 */
export interface WebhookRow {
  url: string;
  payload: string;
  project?: string;
  userKey?: string;
}

/**
 * A webhook delivery waiting in the outbox.
 *
 * @example
 * const w: OutboxRow = { id: 1, url: 'https://crm.example.com/hook', payload: '{…}', attempts: 0 };
 */
export interface OutboxRow {
  id: number;
  url: string;
  payload: string;
  attempts: number;
}

/**
 * What the ingest, rescore and sweep algorithms need inside one transaction.
 * On PostgreSQL, `configVersion` takes a share lock (so a config change waits
 * for in-flight batches) and `lockUsers` row-locks the users in key order.
 *
 * @example
 * await store.transaction(async (tx) => tx.insertEvents('default', rows));
 */
export interface StoreTx {
  configVersion(): Promise<number>;
  /** Records a config version (written in the transaction that stores the config). */
  insertConfigVersion(row: ConfigVersionRow): Promise<void>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  /** alias key → canonical key, for the keys that have a link. */
  findLinks(project: string, keys: string[]): Promise<Map<string, string>>;
  /** Inserts the rows not yet stored (by `(project, messageId)`); returns the messageIds inserted. */
  insertEvents(project: string, rows: EventRow[]): Promise<Set<string>>;
  /** The users with these keys, locked; missing ones come back empty (not yet stored). */
  lockUsers(project: string, keys: string[]): Promise<Map<string, UserRecord>>;
  saveUsers(project: string, users: UserRecord[]): Promise<void>;
  deleteUser(project: string, key: string): Promise<void>;
  /** Records `alias → target`; false when the alias was already linked. */
  addLink(project: string, alias: string, target: string): Promise<boolean>;
  /** Moves links, events and group memberships of `from` to `to`. */
  reassign(project: string, from: string, to: string): Promise<void>;
  /** Adds memberships; `traits` (a group call's) merge over the account's stored traits. */
  addMemberships(
    project: string,
    rows: { groupId: string; userKey: string; traits?: Record<string, unknown> }[],
  ): Promise<void>;
  userEvents(project: string, key: string): Promise<StoredEvent[]>;
  /** `userEvents` of several users at once (a rebuild's page): one query on PostgreSQL. */
  usersEvents(project: string, keys: readonly string[]): Promise<Map<string, StoredEvent[]>>;
  /** Each user's latest recorded score (of `scoreId`) on or before `day` (users without one are left out). */
  scoresOnOrBeforeDay(project: string, scoreId: string, keys: string[], day: number): Promise<Map<string, number>>;
  recordScores(project: string, rows: ScoreRow[]): Promise<void>;
  /**
   * Backfills a user's history: stores each row whose day comes before the earliest
   * day recorded for its score (recorded days are kept as they were).
   */
  fillHistory(project: string, key: string, rows: Omit<ScoreRow, 'userKey'>[]): Promise<void>;
  /** `fillHistory` of several users at once (a rebuild's page): multi-row inserts, one statement on PostgreSQL. */
  fillHistories(project: string, rows: readonly ScoreRow[]): Promise<void>;
  recordLifecycle(project: string, rows: LifecycleRow[]): Promise<void>;
  enqueueWebhooks(rows: WebhookRow[]): Promise<void>;
  /** Segment id → the filter (as `segmentFilterKey`) its stored membership was taken under. */
  segmentStates(project: string): Promise<Map<string, string>>;
  /** Takes a segment's membership whole (every user matching `filters` now), without deliveries. */
  takeSegment(
    project: string,
    segmentId: string,
    filterKey: string,
    filters: ResolvedUserFilter[],
    at: number,
  ): Promise<void>;
  /** Forgets a segment's stored membership (a deleted segment, or one no longer evaluated). */
  dropSegment(project: string, segmentId: string): Promise<void>;
  /** Segment id → which of `keys` are stored as its members. */
  segmentMembersOf(project: string, keys: string[]): Promise<Map<string, Set<string>>>;
  /** Which of `keys` match every filter now (the users list's conditions). */
  matchingUsers(project: string, filters: ResolvedUserFilter[], keys: string[]): Promise<Set<string>>;
  setSegmentMembers(project: string, segmentId: string, add: string[], remove: string[], at: number): Promise<void>;
  /** The accounts (group ids) any of `keys` belongs to, in id order. */
  accountsOf(project: string, keys: string[]): Promise<string[]>;
  /** The identified, scored members of these accounts, with every score attached (group traits left empty). */
  accountMembersOf(project: string, groupIds: string[]): Promise<AccountMemberRow[]>;
  /** The stored aggregates of these accounts (row-locked on PostgreSQL). */
  accountScores(project: string, groupIds: string[]): Promise<AccountScoreRow[]>;
  saveAccountScores(project: string, rows: AccountScoreRow[], at: number): Promise<void>;
}

/**
 * Durable storage, implemented for SQLite (`createSqliteStore`) and PostgreSQL
 * (`createPostgresStore`) and tested by one suite. Plain parameterised SQL only.
 *
 * @example
 * const store: Store = await openStore('./data/pulse.db');
 * await store.migrate();
 */
export interface Store extends AdminStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema; safe to run from several processes at once. */
  migrate(): Promise<void>;
  /** Runs `fn` in one transaction (retried on PostgreSQL deadlocks and serialization failures). */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  getMeta(key: string): Promise<string | null>;
  /** Stores `value` unless the key exists; returns the value now stored. */
  setMetaIfAbsent(key: string, value: string): Promise<string>;
  getUser(project: string, key: string): Promise<UserRecord | null>;
  /** The latest score of `scoreId` on or before each given day (null when none). */
  scoresOnOrBefore(project: string, key: string, scoreId: string, days: number[]): Promise<(number | null)[]>;
  /** A user's daily rows from `fromDay`, by day; one score's when `scoreId` is given, else every score's. */
  scoreHistory(project: string, key: string, fromDay: number, scoreId?: string): Promise<ScoreRow[]>;
  /** User keys after `after` in key order (paging for rescore and sweeps). */
  listUserKeys(project: string, after: string, limit: number): Promise<string[]>;
  countUsers(project: string): Promise<number>;
  /** One page of identified, scored users matching the query (`userListSql`). */
  listUsers(project: string, query: UserListQuery): Promise<UserListRow[]>;
  /** How many identified, scored users match every filter. */
  countMatching(project: string, filters: ResolvedUserFilter[]): Promise<number>;
  groupMembers(project: string, groupId: string): Promise<UserRecord[]>;
  /** Every member of every account (or of `groupId`) who is identified and scored, with the account's traits. */
  accountMembers(project: string, groupId?: string): Promise<AccountMemberRow[]>;
  /** The saved segments a user was in when last scored, in id order. */
  userSegments(project: string, key: string): Promise<string[]>;
  /** The group (account) ids a user belongs to, in id order. */
  groupsOf(project: string, key: string): Promise<string[]>;
  /** Events in arrival order after `afterId` (for exports, experiments and tests). */
  listEvents(project: string, afterId: number, limit: number): Promise<StoredEvent[]>;
  /**
   * How many `track` events of each name, and page and screen views (as `$page`),
   * were stored for a time at or after `since` (epoch ms): the model editor's event picker.
   */
  eventNameCounts(project: string, since: number): Promise<{ name: string; count: number }[]>;
  /** A user's model moves, oldest first. */
  lifecycleHistory(project: string, key: string): Promise<LifecycleRow[]>;
  /**
   * Deletes, in one transaction, everything stored about a user: their events and
   * those of the anonymous ids linked to them, user rows, score history, lifecycle
   * moves, group memberships, links and outbox payloads about them.
   */
  eraseUser(project: string, key: string): Promise<ErasedCounts>;
  /** The largest event id (0 when none), where a purge stops. */
  maxEventId(project: string): Promise<number>;
  /** Deletes the events with `afterId < id ≤ toId` stored for a time before `before`; returns how many. */
  purgeEvents(project: string, before: number, afterId: number, toId: number): Promise<number>;
  /** Leases up to `limit` due deliveries for `leaseMs` (so several instances never send one twice at once). */
  claimWebhooks(now: number, limit: number, leaseMs: number): Promise<OutboxRow[]>;
  completeWebhook(id: number): Promise<void>;
  /** Schedules another attempt, or with `nextAt` null gives up (kept with its last error). */
  failWebhook(id: number, nextAt: number | null, error: string): Promise<void>;
  close(): Promise<void>;
}
