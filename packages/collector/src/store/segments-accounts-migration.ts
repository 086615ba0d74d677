/**
 * Migration 6: what segment and account webhooks compare with (docs/decisions.md,
 * "Segment and account webhooks"). `segment_members` holds who was in each
 * evaluated segment when last evaluated, `segment_state` the filter that
 * membership was taken under (a changed filter is taken again, silently), and
 * `account_scores` each account's last aggregated score and band per score.
 */
export const segmentsAndAccounts = (big: string): string[] => [
  `CREATE TABLE segment_members (
    project TEXT NOT NULL,
    segment_id TEXT NOT NULL,
    user_key TEXT NOT NULL,
    since ${big} NOT NULL,
    PRIMARY KEY (project, segment_id, user_key)
  )`,
  `CREATE INDEX segment_members_user ON segment_members (project, user_key)`,
  `CREATE TABLE segment_state (
    project TEXT NOT NULL,
    segment_id TEXT NOT NULL,
    filter TEXT NOT NULL,
    PRIMARY KEY (project, segment_id)
  )`,
  `CREATE TABLE account_scores (
    project TEXT NOT NULL,
    group_id TEXT NOT NULL,
    score_id TEXT NOT NULL,
    score INTEGER NOT NULL,
    band TEXT NOT NULL,
    size INTEGER NOT NULL,
    updated_at ${big} NOT NULL,
    PRIMARY KEY (project, group_id, score_id)
  )`,
];
