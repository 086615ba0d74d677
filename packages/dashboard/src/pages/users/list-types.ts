/**
 * The list API's shapes as issue 16 specifies them (`GET /v1/admin/users`,
 * `/v1/admin/accounts`, `/v1/admin/segments/{id}`, `/v1/users/{id}/history`).
 * Replaced by the collector's contract types once they are merged.
 */

/** One row of `GET /v1/admin/users`. */
export interface UserRow {
  userId: string;
  score: number;
  band: string;
  model: string;
  lastSeen: string | null;
  scoreChange7d: number | null;
  traits: Record<string, unknown>;
}

/** A page of `GET /v1/admin/users`. */
export interface UserList {
  users: UserRow[];
  nextCursor: string | null;
  total: number;
}

/** A saved segment: a name and a filter in the list's query language. */
export interface Segment {
  id: string;
  name: string;
  filter: Record<string, string>;
}

/** `GET /v1/admin/segments`. */
export interface SegmentList {
  segments: Segment[];
}

/** One day of `GET /v1/users/{id}/history`. */
export interface HistoryDay {
  date: string;
  score: number;
  band: string;
  model: string;
}

/** `GET /v1/users/{id}/history?days=N`. */
export interface UserHistory {
  userId: string;
  days: HistoryDay[];
}

/** One row of `GET /v1/admin/accounts`. */
export interface AccountRow {
  groupId: string;
  name?: string | null;
  score: number;
  band: string;
  memberCount: number;
  traits: Record<string, unknown>;
}

/** A page of `GET /v1/admin/accounts`. */
export interface AccountList {
  accounts: AccountRow[];
  nextCursor: string | null;
  total: number;
}

/** A member of an account, with their score. */
export interface AccountMember {
  userId: string;
  score: number;
  band: string;
  role?: string | null;
}

/** `GET /v1/admin/accounts/{id}`. */
export interface AccountDetail extends AccountRow {
  members: AccountMember[];
  history: { date: string; score: number; band: string }[];
}
