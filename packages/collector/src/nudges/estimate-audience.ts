import { userState, type Nudge } from '@pulse/core';
import type { CollectorContext } from '../collector-context.js';
import { identifiedUsers } from '../analytics/load-population.js';
import { pinnedConfig } from '../scoring/user-scoring.js';
import { allPages } from '../users/list-users.js';
import { segmentFilters } from '../users/resolve-filter.js';

/**
 * How many users a draft would reach now, and why the others would not.
 *
 * @example
 * const e: AudienceEstimate = { eligible: 120, users: 800, excluded: { band: 500, 'not-in-segment': 180 } };
 */
export interface AudienceEstimate {
  eligible: number;
  users: number;
  /** The first reason each excluded user fails, counted. */
  excluded: Record<string, number>;
}

async function segmentKeys(ctx: CollectorContext, nudge: Nudge, now: number): Promise<Set<string> | null> {
  const id = nudge.trigger.segment;
  if (id === undefined) return null;
  const config = ctx.configs.current().config;
  const keys = new Set<string>();
  const query = {
    filters: segmentFilters(config, id, now),
    sort: 'score',
    order: 'desc',
    limit: 1000,
    after: null,
  } as const;
  for await (const rows of allPages(ctx, query)) for (const r of rows) keys.add(r.key);
  return keys;
}

/**
 * Counts the identified users the nudge's audience takes in now, as if it were
 * running: core's `nudgeDecision` on each user's stored state (bands, incomplete
 * milestone, days since first seen, an event), and membership of the saved
 * segment as the users list computes it. Reads only; nothing is written.
 *
 * @example
 * const { eligible, users } = await estimateAudience(ctx, draft);
 */
export async function estimateAudience(ctx: CollectorContext, nudge: Nudge): Promise<AudienceEstimate> {
  const now = ctx.now();
  const config = ctx.configs.current().config;
  const members = await segmentKeys(ctx, nudge, now);
  const probe: Nudge = { ...nudge, status: 'running' };
  const excluded: Record<string, number> = {};
  let users = 0;
  let eligible = 0;
  for await (const { userId, record } of identifiedUsers(ctx)) {
    users += 1;
    let reason: string;
    if (members !== null && !members.has(record.key)) reason = 'not-in-segment';
    else {
      const pinned = { ...pinnedConfig(record, config, now), nudges: [probe] };
      const state = userState({
        config: pinned,
        rollups: record.rollups,
        traits: record.traits,
        userKey: userId,
        now,
        ...(members !== null ? { segments: [nudge.trigger.segment!] } : {}),
      });
      reason = state.nudges[0]?.reason ?? 'no-variant';
    }
    if (reason === 'eligible') eligible += 1;
    else excluded[reason] = (excluded[reason] ?? 0) + 1;
  }
  return { eligible, users, excluded };
}
