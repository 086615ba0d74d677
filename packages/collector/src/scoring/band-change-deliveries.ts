import { randomUUID } from 'node:crypto';
import type { WebhookRow } from '../store/store.js';
import { userIdOfKey } from '../store/user-keys.js';
import type { BandChange } from './user-scoring.js';

/**
 * The outbox rows for band changes: one per identified user, score and URL (anonymous
 * visitors have no id a CRM could act on, so they get none). Each row names the
 * user's project and key, so erasing the user drops deliveries not yet made.
 *
 * @example
 * await tx.enqueueWebhooks(bandChangeDeliveries(changes, ['https://crm.example.com/hook'], Date.now(), 'default'));
 */
export function bandChangeDeliveries(
  changes: readonly BandChange[],
  urls: readonly string[],
  now: number,
  project?: string,
): WebhookRow[] {
  const rows: WebhookRow[] = [];
  for (const change of changes) {
    const userId = userIdOfKey(change.userKey);
    if (userId === null) continue;
    for (const url of urls) {
      const payload = {
        id: randomUUID(),
        type: 'user.band_changed',
        userId,
        scoreId: change.scoreId,
        from: change.from,
        to: change.to,
        score: change.score,
        modelId: change.modelId,
        occurredAt: new Date(now).toISOString(),
      };
      rows.push({
        url,
        payload: JSON.stringify(payload),
        userKey: change.userKey,
        ...(project === undefined ? {} : { project }),
      });
    }
  }
  return rows;
}
