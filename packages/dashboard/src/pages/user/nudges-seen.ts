/** How often a nudge was shown to a user, per variant, and when last. */
export interface NudgeSeen {
  nudgeId: string;
  variant: string;
  shown: number;
  clicked: number;
  dismissed: number;
  lastShown: string;
}

interface EventLike {
  type?: string;
  event?: string;
  timestamp: string;
  properties?: Record<string, unknown>;
}

const KINDS = { 'Nudge Shown': 'shown', 'Nudge Clicked': 'clicked', 'Nudge Dismissed': 'dismissed' } as const;

/**
 * The nudges a user saw, from the widget's `Nudge Shown/Clicked/Dismissed` events
 * (which carry `nudgeId` and `variant`), most recently shown first.
 *
 * @example
 * nudgesSeen([{ event: 'Nudge Shown', timestamp: '2026-11-02T10:00:00Z', properties: { nudgeId: 'invite', variant: 'social' } }]);
 */
export function nudgesSeen(events: EventLike[]): NudgeSeen[] {
  const byKey = new Map<string, NudgeSeen>();
  for (const e of events) {
    const kind = KINDS[e.event as keyof typeof KINDS];
    const nudgeId = e.properties?.nudgeId;
    if (!kind || typeof nudgeId !== 'string') continue;
    const variant = typeof e.properties?.variant === 'string' ? e.properties.variant : 'unknown';
    const key = `${nudgeId}\u0000${variant}`;
    const seen = byKey.get(key) ?? { nudgeId, variant, shown: 0, clicked: 0, dismissed: 0, lastShown: '' };
    seen[kind] += 1;
    if (kind === 'shown' && e.timestamp > seen.lastShown) seen.lastShown = e.timestamp;
    byKey.set(key, seen);
  }
  return [...byKey.values()].sort((a, b) => b.lastShown.localeCompare(a.lastShown));
}
