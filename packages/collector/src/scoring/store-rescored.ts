import { utcDay, type NormalizedConfig } from '@pulse/core';
import type { LifecycleRow, ScoreRow, StoreTx, UserRecord } from '../store/store.js';
import { refreshAccounts, type AccountBandChange } from './account-changes.js';
import { bandChangeDeliveries } from './band-change-deliveries.js';
import { refreshSegments } from './segment-changes.js';
import { rescoreUser, type BandChange } from './user-scoring.js';

/**
 * Where and when `storeRescored` writes: the project, the config to score
 * under, the band-change webhook URLs and the time (epoch ms).
 *
 * @example
 * const at: RescoreAt = { project: 'default', config, webhooks: [], now: Date.now() };
 */
export interface RescoreAt {
  project: string;
  config: NormalizedConfig;
  webhooks: readonly string[];
  now: number;
}

/**
 * Re-scores `users` at `now` (`rescoreUser`) and writes everything that follows
 * in `tx`: the users and their scores, the day's score rows per score, lifecycle model moves and a
 * band-change webhook row per change and URL; then the saved segments' entries
 * and exits (`refreshSegments`) and the scores of the accounts the users belong
 * to (`refreshAccounts`), with their webhooks. Ingestion and the bulk refresh
 * both end this way. Resolves to what it found.
 *
 * @example
 * const { bandChanges } = await storeRescored(tx, { project, config, webhooks, now }, users.values());
 */
export async function storeRescored(
  tx: StoreTx,
  at: RescoreAt,
  users: Iterable<UserRecord>,
): Promise<{
  bandChanges: BandChange[];
  moves: LifecycleRow[];
  segments: { entered: number; left: number };
  accountChanges: AccountBandChange[];
}> {
  const saved: UserRecord[] = [];
  const history: ScoreRow[] = [];
  const changes: BandChange[] = [];
  const moves: LifecycleRow[] = [];
  const all = [...users];
  await refreshScore7dAgo(tx, at, all);
  for (const user of all) {
    const found = rescoreUser(user, at.config, at.now);
    history.push(...found.history);
    changes.push(...found.changes);
    moves.push(...found.moves);
    saved.push(user);
  }
  await tx.saveUsers(at.project, saved);
  await tx.recordScores(at.project, history);
  await tx.recordLifecycle(at.project, moves);
  if (at.webhooks.length > 0 && changes.length > 0) {
    await tx.enqueueWebhooks(bandChangeDeliveries(changes, at.webhooks, at.now, at.project));
  }
  const segments = await refreshSegments(tx, at, saved);
  const accountChanges = await refreshAccounts(tx, at, saved);
  return { bandChanges: changes, moves, segments, accountChanges };
}

/**
 * On a user's first rescore of a UTC day, reads their score 7 days before it
 * (what the users list's scoreChange7d compares with); it stays for the day.
 */
async function refreshScore7dAgo(tx: StoreTx, at: RescoreAt, users: UserRecord[]): Promise<void> {
  const day = utcDay(at.now);
  const stale = users.filter((u) => u.scoreDay !== day);
  if (stale.length === 0) return;
  const scores = await tx.scoresOnOrBeforeDay(
    at.project,
    at.config.defaultScore,
    stale.map((u) => u.key),
    day - 7,
  );
  for (const u of stale) u.score7dAgo = scores.get(u.key) ?? null;
}
