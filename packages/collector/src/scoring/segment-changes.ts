import { randomUUID } from 'node:crypto';
import type { NormalizedConfig, SegmentDefinition } from '@pulse/core';
import type { StoreTx, UserRecord, WebhookRow } from '../store/store.js';
import { userIdOfKey } from '../store/user-keys.js';
import { segmentFilters } from '../users/resolve-filter.js';

/**
 * The segments whose membership the collector keeps: every saved segment when
 * webhooks are configured (each entry and exit is delivered), else those a
 * nudge's `trigger.segment` names (the state answer says who is in them).
 *
 * @example
 * evaluatedSegments(config, true).map((s) => s.id); // → ['at-risk', 'trial-ready']
 */
export function evaluatedSegments(config: NormalizedConfig, webhooks: boolean): SegmentDefinition[] {
  const all = config.segments ?? [];
  if (webhooks) return all;
  const named = new Set(config.nudges.flatMap((n) => (n.trigger.segment === undefined ? [] : [n.trigger.segment])));
  return all.filter((s) => named.has(s.id));
}

/**
 * A segment's filter as one comparable string (parameters sorted): a stored
 * membership taken under another filter is taken again.
 *
 * @example
 * segmentFilterKey({ band: 'low', 'trait.plan': 'trial' }); // → '[["band","low"],["trait.plan","trial"]]'
 */
export function segmentFilterKey(filter: Record<string, string>): string {
  return JSON.stringify(Object.entries(filter).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Where and when segments are evaluated.
 *
 * @example
 * const at: SegmentsAt = { project: 'default', config, webhooks: [], now: Date.now() };
 */
export interface SegmentsAt {
  project: string;
  config: NormalizedConfig;
  webhooks: readonly string[];
  now: number;
}

/**
 * Brings stored membership in line with the config: segments no longer
 * evaluated are forgotten; a new segment, or one whose filter changed, is taken
 * whole as it stands now, without deliveries (a new segment's population has
 * not "entered" anything). Runs in every config write's transaction (and at
 * start), and again before each evaluation for a config written by another
 * process. Resolves to the segments whose membership was already current.
 *
 * @example
 * await syncSegments(tx, { project, config, webhooks, now: Date.now() });
 */
export async function syncSegments(
  tx: StoreTx,
  at: SegmentsAt,
  segments = evaluatedSegments(at.config, at.webhooks.length > 0),
): Promise<SegmentDefinition[]> {
  const states = await tx.segmentStates(at.project);
  const wanted = new Set(segments.map((s) => s.id));
  for (const id of states.keys()) if (!wanted.has(id)) await tx.dropSegment(at.project, id);
  const current: SegmentDefinition[] = [];
  for (const s of segments) {
    const key = segmentFilterKey(s.filter);
    if (states.get(s.id) === key) current.push(s);
    else await tx.takeSegment(at.project, s.id, key, segmentFilters(at.config, s.id, at.now), at.now);
  }
  return current;
}

function deliveries(
  type: 'segment.entered' | 'segment.left',
  segment: SegmentDefinition,
  users: UserRecord[],
  at: SegmentsAt,
): WebhookRow[] {
  const rows: WebhookRow[] = [];
  for (const user of users) {
    const userId = userIdOfKey(user.key);
    if (userId === null) continue;
    for (const url of at.webhooks) {
      const payload = {
        id: randomUUID(),
        type,
        userId,
        segmentId: segment.id,
        segmentName: segment.name,
        score: user.score,
        band: user.band,
        occurredAt: new Date(at.now).toISOString(),
      };
      rows.push({ url, payload: JSON.stringify(payload), project: at.project, userKey: user.key });
    }
  }
  return rows;
}

/**
 * Re-evaluates the evaluated segments for `users` (already saved in `tx`, so
 * the users list's SQL sees their new scores and traits): who now matches and
 * was not stored as a member entered, who was and no longer matches left. Each
 * entry and exit is stored and, with webhooks, queued once per URL in the same
 * transaction, so it is delivered once however often the user is re-scored.
 * Resolves to the number of entries and exits.
 *
 * @example
 * const { entered, left } = await refreshSegments(tx, { project, config, webhooks, now }, users);
 */
export async function refreshSegments(
  tx: StoreTx,
  at: SegmentsAt,
  users: readonly UserRecord[],
): Promise<{ entered: number; left: number }> {
  const counts = { entered: 0, left: 0 };
  const wanted = evaluatedSegments(at.config, at.webhooks.length > 0);
  // Nothing evaluated costs ingestion nothing: the config write that removed the last one dropped its rows.
  if (wanted.length === 0) return counts;
  const segments = await syncSegments(tx, at, wanted);
  const identified = users.filter((u) => userIdOfKey(u.key) !== null);
  if (segments.length === 0 || identified.length === 0) return counts;
  const keys = identified.map((u) => u.key);
  const stored = await tx.segmentMembersOf(at.project, keys);
  const rows: WebhookRow[] = [];
  for (const segment of segments) {
    const now = await tx.matchingUsers(at.project, segmentFilters(at.config, segment.id, at.now), keys);
    const was = stored.get(segment.id) ?? new Set<string>();
    const entered = identified.filter((u) => now.has(u.key) && !was.has(u.key));
    const left = identified.filter((u) => was.has(u.key) && !now.has(u.key));
    if (entered.length === 0 && left.length === 0) continue;
    await tx.setSegmentMembers(
      at.project,
      segment.id,
      entered.map((u) => u.key),
      left.map((u) => u.key),
      at.now,
    );
    counts.entered += entered.length;
    counts.left += left.length;
    rows.push(...deliveries('segment.entered', segment, entered, at), ...deliveries('segment.left', segment, left, at));
  }
  if (rows.length > 0) await tx.enqueueWebhooks(rows);
  return counts;
}
