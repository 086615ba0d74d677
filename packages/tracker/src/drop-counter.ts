import type { DropReason } from './types.js';
import { LIBRARY } from './version.js';

/**
 * Counts dropped events by reason and reports the counts to the collector
 * (`POST /v1/diagnostics`, text/plain like every Pulse request), so the drops
 * show in its `/metrics`. Counts that fail to send are kept for the next report.
 *
 * @example
 * const drops = createDropCounter('https://pulse.example.com/v1/diagnostics', 'pk_live');
 * drops.add('quota', 3);
 * drops.send(false);
 */
export function createDropCounter(url: string, writeKey: string) {
  let counts: Partial<Record<DropReason, number>> = {};
  const add = (reason: DropReason, n: number) => void (counts[reason] = (counts[reason] ?? 0) + n);
  return {
    add,
    send(keepalive: boolean): void {
      const dropped = counts;
      if (!Object.keys(dropped).length) return;
      counts = {};
      const restore = () => {
        for (const reason in dropped) add(reason as DropReason, dropped[reason as DropReason] as number);
      };
      fetch(url, { method: 'POST', keepalive, body: JSON.stringify({ writeKey, dropped, library: LIBRARY }) }).then(
        (res) => res.ok || restore(),
        restore,
      );
    },
  };
}
