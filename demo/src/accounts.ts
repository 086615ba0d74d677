import { newId, readJson, removeKey, writeJson } from './storage.js';

/**
 * A demo user. The demo has no real authentication: an email maps to one
 * account on this browser, and signing up again with it signs back in.
 */
export interface Account {
  userId: string;
  name: string;
  email: string;
  plan: 'trial' | 'active';
  /** ISO-8601. */
  createdAt: string;
}

type AccountsByEmail = Record<string, Account>;

const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Signs up a new account, or signs back in when the email already has one.
 *
 * @example
 * const { account, isNew } = signUp('Ana Lima', 'ana@example.com');
 */
export function signUp(name: string, email: string): { account: Account; isNew: boolean } {
  const accounts = readJson<AccountsByEmail>('accounts', {});
  const key = normaliseEmail(email);
  const existing = Object.hasOwn(accounts, key) ? accounts[key] : undefined;
  const account: Account = existing ?? {
    userId: newId('usr'),
    name: name.trim(),
    email: key,
    plan: 'trial',
    createdAt: new Date().toISOString(),
  };
  if (existing === undefined) writeJson('accounts', { ...accounts, [key]: account });
  writeJson('session', account.userId);
  return { account, isNew: existing === undefined };
}

/**
 * The signed-in account, if any.
 *
 * @example
 * const me = currentAccount();
 */
export function currentAccount(): Account | null {
  const userId = readJson<string | null>('session', null);
  if (userId === null) return null;
  return Object.values(readJson<AccountsByEmail>('accounts', {})).find((a) => a.userId === userId) ?? null;
}

/**
 * Ends the local session (the account and its workspace stay on this browser).
 *
 * @example
 * signOut();
 */
export function signOut(): void {
  removeKey('session');
}

/**
 * Initials for an avatar: "Ana Lima" → "AL".
 *
 * @example
 * initials('ana@example.com'); // → 'A'
 */
export function initials(nameOrEmail: string): string {
  const words = (nameOrEmail.split('@')[0] ?? '').split(/[\s._-]+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}
