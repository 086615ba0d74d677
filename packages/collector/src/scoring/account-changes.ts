import { randomUUID } from 'node:crypto';
import { getOwn, type NormalizedConfig } from '@pulse/core';
import type { AccountScoreRow } from '../store/membership-tx.js';
import type { AccountMemberRow, StoreTx, UserRecord, WebhookRow } from '../store/store.js';
import { userIdOfKey } from '../store/user-keys.js';
import { accountBand, accountScore, memberWeight } from '../users/account-score.js';

/**
 * An account whose band changed in one score.
 *
 * @example
 * const c: AccountBandChange = { accountId: 'acme', scoreId: 'engagement', from: 'medium', to: 'low', score: 35, size: 4 };
 */
export interface AccountBandChange {
  accountId: string;
  scoreId: string;
  from: string;
  to: string;
  score: number;
  size: number;
}

/**
 * Every score of each account from its members (config `accounts`: how scores
 * combine), as the accounts list computes it.
 *
 * @example
 * const rows = accountAggregates(members, config, Date.now());
 */
export function accountAggregates(
  members: readonly AccountMemberRow[],
  config: NormalizedConfig,
  now: number,
): AccountScoreRow[] {
  const settings = config.accounts ?? {};
  const byId = new Map<string, AccountMemberRow[]>();
  for (const m of members) byId.set(m.groupId, [...(byId.get(m.groupId) ?? []), m]);
  const rows: AccountScoreRow[] = [];
  for (const [groupId, list] of byId) {
    const weighted = list.map((m) => ({ m, weight: memberWeight(m, settings, config, now) }));
    for (const def of config.scores) {
      const scored = weighted.flatMap(({ m, weight }) => {
        const value = def.id === config.defaultScore ? m.user.score : getOwn(m.user.scores, def.id)?.score;
        return value === null || value === undefined ? [] : [{ score: value, weight }];
      });
      if (scored.length === 0) continue;
      const score = accountScore(scored, settings.aggregation);
      rows.push({ groupId, scoreId: def.id, score, band: accountBand(config, score, def.id), size: scored.length });
    }
  }
  return rows;
}

/**
 * Re-aggregates the accounts `users` belong to (after they were saved in `tx`)
 * and stores each account's score and band per score; a band that differs from
 * the stored one is a change (an account's first score is not). With webhooks,
 * each change is queued once per URL as `account.band_changed` in the same
 * transaction. Resolves to the changes.
 *
 * @example
 * const changes = await refreshAccounts(tx, { project, config, webhooks, now }, users);
 */
export async function refreshAccounts(
  tx: StoreTx,
  at: { project: string; config: NormalizedConfig; webhooks: readonly string[]; now: number },
  users: readonly UserRecord[],
): Promise<AccountBandChange[]> {
  const keys = users.filter((u) => userIdOfKey(u.key) !== null).map((u) => u.key);
  if (keys.length === 0) return [];
  const groups = await tx.accountsOf(at.project, keys);
  if (groups.length === 0) return [];
  const stored = new Map(
    (await tx.accountScores(at.project, groups)).map((r) => [`${r.groupId}\u0000${r.scoreId}`, r]),
  );
  const rows = accountAggregates(await tx.accountMembersOf(at.project, groups), at.config, at.now);
  const changes: AccountBandChange[] = [];
  const save: AccountScoreRow[] = [];
  for (const r of rows) {
    const before = stored.get(`${r.groupId}\u0000${r.scoreId}`);
    if (before !== undefined && before.score === r.score && before.band === r.band && before.size === r.size) continue;
    save.push(r);
    if (before !== undefined && before.band !== r.band) {
      changes.push({
        accountId: r.groupId,
        scoreId: r.scoreId,
        from: before.band,
        to: r.band,
        score: r.score,
        size: r.size,
      });
    }
  }
  await tx.saveAccountScores(at.project, save, at.now);
  if (at.webhooks.length > 0 && changes.length > 0) {
    const occurredAt = new Date(at.now).toISOString();
    const deliveries: WebhookRow[] = changes.flatMap((c) =>
      at.webhooks.map((url) => ({
        url,
        project: at.project,
        payload: JSON.stringify({ id: randomUUID(), type: 'account.band_changed', ...c, occurredAt }),
      })),
    );
    await tx.enqueueWebhooks(deliveries);
  }
  return changes;
}
