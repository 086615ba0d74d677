import type { EventLog } from '../log/event-log.js';
import { encodePosition } from '../log/position-token.js';
import { PulseError } from '../errors.js';
import { primaryKey } from './identity-links.js';
import type { IngestItem } from './ingest-items.js';

/**
 * What a publish answers: counts as the log saw them and the position token.
 *
 * @example
 * const p: Published = { accepted: 10, duplicates: 0, position: '3:1042' };
 */
export interface Published {
  accepted: number;
  duplicates: number;
  position: string;
}

/**
 * Publishes validated items to the log instead of the database and resolves
 * once the log has acknowledged every one (durable on its replicas). An exact
 * retry of a request within the log's dedupe window (2 minutes) counts as
 * duplicates here; any other repeat is caught by the worker's database dedupe
 * by `(project, messageId)`, so an event is never counted twice either way. A log that cannot
 * acknowledge becomes an `unavailable` error (503, retry).
 *
 * @example
 * const { accepted, position } = await publishItems(log, 'default', items);
 */
export async function publishItems(log: EventLog, project: string, items: readonly IngestItem[]): Promise<Published> {
  const records = items.map((item) => ({
    project,
    messageId: item.event.messageId,
    key: primaryKey(item.event),
    json: item.json,
    at: item.at,
    receivedAt: item.receivedAt,
  }));
  try {
    const r = await log.publish(records);
    return { accepted: r.added, duplicates: r.duplicates, position: encodePosition(r.positions) };
  } catch (error) {
    throw new PulseError(
      'unavailable',
      'event log unavailable: nothing was acknowledged; retry after the Retry-After delay',
      {
        retryAfterSeconds: 1,
        cause: error,
      },
    );
  }
}
