import { accountMemberFrom, type AccountDbRow } from './account-rows.js';
import { attachScores, type UserScoreRow } from './rows.js';
import type { AccountMemberRow, StoreTx } from './store.js';
import { segmentFillSql, userMatchSql, type ResolvedUserFilter } from './user-list-sql.js';

/**
 * Runs one statement inside the caller's transaction and resolves to its rows
 * (none for a statement that returns none). Text uses `?` placeholders, in order.
 */
export type RunSql = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * An account's stored aggregate in one score (a row of `account_scores`).
 *
 * @example
 * const a: AccountScoreRow = { groupId: 'acme', scoreId: 'engagement', score: 62, band: 'medium', size: 4 };
 */
export interface AccountScoreRow {
  groupId: string;
  scoreId: string;
  score: number;
  band: string;
  size: number;
}

/** The segment and account methods of `StoreTx`. */
export type MembershipTx = Pick<
  StoreTx,
  | 'segmentStates'
  | 'takeSegment'
  | 'dropSegment'
  | 'segmentMembersOf'
  | 'matchingUsers'
  | 'setSegmentMembers'
  | 'accountsOf'
  | 'accountMembersOf'
  | 'accountScores'
  | 'saveAccountScores'
>;

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

const MEMBER_COLUMNS =
  'u.user_key, u.traits, u.rollups, u.score, u.band, u.score_day, u.model_id, u.score_7d_ago, u.band_changed_at, u.band_direction';

/**
 * The segment and account statements both stores run the same way, over
 * `run` (`?` placeholders become `$n` on PostgreSQL). `lock` is the clause
 * that row-locks what a read is about to change (`FOR UPDATE` on PostgreSQL).
 *
 * @example
 * const m = membershipTx('sqlite', run, '');
 */
export function membershipTx(dialect: 'sqlite' | 'postgres', raw: RunSql, lock: string): MembershipTx {
  let n = 0;
  const run: RunSql = (text, params) => {
    if (dialect === 'sqlite') return raw(text, params);
    n = 0;
    return raw(
      text.replace(/\?/g, () => `$${++n}`),
      params,
    );
  };
  // Already numbered for its dialect by user-list-sql.
  const runBuilt = (q: { text: string; params: unknown[] }) => raw(q.text, q.params);
  return {
    async segmentStates(project) {
      const rows = await run('SELECT segment_id, filter FROM segment_state WHERE project = ?', [project]);
      return new Map(rows.map((r) => [String(r.segment_id), String(r.filter)]));
    },
    async takeSegment(project, segmentId, filterKey, filters: ResolvedUserFilter[], at) {
      await run('DELETE FROM segment_members WHERE project = ? AND segment_id = ?', [project, segmentId]);
      await runBuilt(segmentFillSql(dialect, project, segmentId, filters, at));
      await run(
        `INSERT INTO segment_state (project, segment_id, filter) VALUES (?, ?, ?)
         ON CONFLICT (project, segment_id) DO UPDATE SET filter = excluded.filter`,
        [project, segmentId, filterKey],
      );
    },
    async dropSegment(project, segmentId) {
      await run('DELETE FROM segment_members WHERE project = ? AND segment_id = ?', [project, segmentId]);
      await run('DELETE FROM segment_state WHERE project = ? AND segment_id = ?', [project, segmentId]);
    },
    async segmentMembersOf(project, keys) {
      const out = new Map<string, Set<string>>();
      for (const part of chunks(keys)) {
        const rows = await run(
          `SELECT segment_id, user_key FROM segment_members WHERE project = ? AND user_key IN (${marks(part.length)})`,
          [project, ...part],
        );
        for (const r of rows) {
          const id = String(r.segment_id);
          if (!out.has(id)) out.set(id, new Set());
          out.get(id)?.add(String(r.user_key));
        }
      }
      return out;
    },
    async matchingUsers(project, filters, keys) {
      const out = new Set<string>();
      for (const part of chunks(keys)) {
        for (const r of await runBuilt(userMatchSql(dialect, project, filters, part))) out.add(String(r.user_key));
      }
      return out;
    },
    async setSegmentMembers(project, segmentId, add, remove, at) {
      for (const k of add) {
        await run(
          'INSERT INTO segment_members (project, segment_id, user_key, since) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
          [project, segmentId, k, at],
        );
      }
      for (const part of chunks(remove)) {
        await run(
          `DELETE FROM segment_members WHERE project = ? AND segment_id = ? AND user_key IN (${marks(part.length)})`,
          [project, segmentId, ...part],
        );
      }
    },
    async accountsOf(project, keys) {
      const out = new Set<string>();
      for (const part of chunks(keys)) {
        const rows = await run(
          `SELECT DISTINCT group_id FROM memberships WHERE project = ? AND user_key IN (${marks(part.length)})`,
          [project, ...part],
        );
        for (const r of rows) out.add(String(r.group_id));
      }
      return [...out].sort();
    },
    async accountMembersOf(project, groupIds) {
      const out: AccountMemberRow[] = [];
      for (const part of chunks(groupIds)) {
        const rows = (await run(
          `SELECT m.group_id, '{}' AS group_traits, u.last_seen, ${MEMBER_COLUMNS}
           FROM memberships m JOIN users u ON u.project = m.project AND u.user_key = m.user_key
           WHERE m.project = ? AND m.group_id IN (${marks(part.length)}) AND substr(u.user_key, 1, 2) = 'u:'
             AND u.score IS NOT NULL ORDER BY m.group_id, u.user_key`,
          [project, ...part],
        )) as unknown as AccountDbRow[];
        out.push(...rows.map(accountMemberFrom));
      }
      const users = out.map((m) => m.user);
      const keys = [...new Set(users.map((u) => u.key))];
      const byKey = new Map<string, typeof users>();
      for (const u of users) byKey.set(u.key, [...(byKey.get(u.key) ?? []), u]);
      for (const part of chunks(keys)) {
        const rows = (await run(
          `SELECT user_key, score_id, model_id, score, band, score_day FROM user_scores
           WHERE project = ? AND user_key IN (${marks(part.length)})`,
          [project, ...part],
        )) as unknown as UserScoreRow[];
        // A user in several accounts appears once per account: each copy gets the scores.
        for (const r of rows) for (const u of byKey.get(r.user_key) ?? []) attachScores([u], [r]);
      }
      return out;
    },
    async accountScores(project, groupIds) {
      const out: AccountScoreRow[] = [];
      for (const part of chunks(groupIds)) {
        const rows = await run(
          `SELECT group_id, score_id, score, band, size FROM account_scores
           WHERE project = ? AND group_id IN (${marks(part.length)}) ${lock}`,
          [project, ...part],
        );
        for (const r of rows) {
          out.push({
            groupId: String(r.group_id),
            scoreId: String(r.score_id),
            score: Number(r.score),
            band: String(r.band),
            size: Number(r.size),
          });
        }
      }
      return out;
    },
    async saveAccountScores(project, rows, at) {
      for (const r of rows) {
        await run(
          `INSERT INTO account_scores (project, group_id, score_id, score, band, size, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (project, group_id, score_id) DO UPDATE SET score = excluded.score, band = excluded.band,
           size = excluded.size, updated_at = excluded.updated_at`,
          [project, r.groupId, r.scoreId, r.score, r.band, r.size, at],
        );
      }
    },
  };
}
