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
  const merge = (more: Partial<Record<DropReason, number>>) => {
    for (const [reason, n] of Object.entries(more) as [DropReason, number][])
      counts[reason] = (counts[reason] ?? 0) + n;
  };
  return {
    add(reason: DropReason, n: number): void {
      merge({ [reason]: n });
    },
    send(keepalive: boolean): void {
      const dropped = counts;
      if (!Object.keys(dropped).length) return;
      counts = {};
      fetch(url, { method: 'POST', keepalive, body: JSON.stringify({ writeKey, dropped, library: LIBRARY }) })
        .then((res) => {
          if (!res.ok) merge(dropped);
        })
        .catch(() => merge(dropped));
    },
  };
}
