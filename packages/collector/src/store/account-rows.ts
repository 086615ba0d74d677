import type { AccountMemberRow } from './store.js';
import { userFromRow, type UserRow } from './rows.js';

/** An account member row as both drivers return it. */
export interface AccountDbRow extends UserRow {
  group_id: string;
  group_traits: string;
  last_seen: number | string;
}

/**
 * Decodes an account member row.
 *
 * @example
 * const members = rows.map(accountMemberFrom);
 */
export function accountMemberFrom(row: AccountDbRow): AccountMemberRow {
  return {
    groupId: row.group_id,
    groupTraits: JSON.parse(row.group_traits) as Record<string, unknown>,
    user: userFromRow(row),
    lastSeen: Number(row.last_seen),
  };
}
