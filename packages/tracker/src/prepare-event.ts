import { LIMITS, utf8Length, type PulseEvent } from '@pulse/core';
import { DEV, warnOnce } from '@pulse/core/dev-warn';
import type { QueueRecord } from './queue-store.js';
import type { Middleware } from './types.js';

/**
 * An event ready to queue (with its record), or why it can't be: `null` when a
 * middleware dropped it on purpose, `{ invalid }` when it is unusable.
 *
 * @example
 * const prepared: Prepared = { event, _record: { id: event.messageId, json, size: json.length } };
 */
export type Prepared = { event: PulseEvent; _record: QueueRecord } | { invalid: string } | null;

/**
 * Runs the middlewares (one that throws is skipped), then serialises the event
 * once, for its size check and for the queue. An event over 32 KB, without a
 * `messageId` or not serialisable (cycles, BigInt) is invalid, with a dev warning.
 *
 * @example
 * const prepared = prepareEvent(buildEvent(fields, identity, context, now), middlewares);
 * if (prepared && 'event' in prepared) queue(prepared._record);
 */
export function prepareEvent(event: PulseEvent, middlewares: readonly Middleware[]): Prepared {
  for (const middleware of middlewares) {
    try {
      const out = middleware(event);
      if (out === null) return null;
      if (out) event = out;
    } catch (error) {
      if (DEV) warnOnce?.('middleware', `a middleware threw and was skipped: ${String(error)}`);
    }
  }
  let invalid: string;
  try {
    const json = JSON.stringify(event);
    const size = utf8Length(json);
    if (size <= LIMITS.maxEventBytes && typeof event.messageId === 'string') {
      return { event, _record: { id: event.messageId, json, size } };
    }
    invalid = `over 32 KB or no messageId: ${json.slice(0, 80)}`;
  } catch (error) {
    invalid = String(error); // cycles, BigInt
  }
  if (DEV) warnOnce?.('invalid-event', `an event was dropped, ${invalid}`);
  return { invalid };
}
