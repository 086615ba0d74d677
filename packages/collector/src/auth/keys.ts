import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';

/**
 * A new random key with a readable prefix (`pk_` write key, `sk_` secret key).
 *
 * @example
 * generateKey('pk'); // → 'pk_5f0c…' (32 hex characters after the prefix)
 */
export function generateKey(prefix: 'pk' | 'sk'): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
}

/**
 * The project's keys and whether this start generated any (to print them once).
 *
 * @example
 * const { writeKey, secretKey, generated } = await ensureKeys(store, {});
 */
export interface Keys {
  writeKey: string;
  secretKey: string;
  generated: boolean;
}

async function ensure(store: Store, metaKey: string, given: string | undefined, prefix: 'pk' | 'sk') {
  if (given !== undefined && given !== '') return { key: given, generated: false };
  const stored = await store.getMeta(metaKey);
  if (stored !== null) return { key: stored, generated: false };
  const candidate = generateKey(prefix);
  // Two processes starting at once agree on whichever key was stored first.
  const key = await store.setMetaIfAbsent(metaKey, candidate);
  return { key, generated: key === candidate };
}

/**
 * Keys given (options or `PULSE_WRITE_KEY` / `PULSE_SECRET_KEY`) win; otherwise
 * the keys stored in the database; otherwise new random keys, stored.
 *
 * @example
 * const keys = await ensureKeys(store, { writeKey: process.env.PULSE_WRITE_KEY });
 */
export async function ensureKeys(store: Store, given: { writeKey?: string; secretKey?: string }): Promise<Keys> {
  const write = await ensure(store, 'write_key', given.writeKey, 'pk');
  const secret = await ensure(store, 'secret_key', given.secretKey, 'sk');
  return { writeKey: write.key, secretKey: secret.key, generated: write.generated || secret.generated };
}
