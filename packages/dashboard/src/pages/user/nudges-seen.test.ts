import { expect, it } from 'vitest';
import { nudgesSeen } from './nudges-seen.js';

it('counts each nudge and variant shown, clicked and dismissed, latest shown first', () => {
  const e = (event: string, timestamp: string, nudgeId: string, variant: string) => ({
    type: 'track',
    event,
    timestamp,
    properties: { nudgeId, variant },
  });
  const seen = nudgesSeen([
    e('Nudge Shown', '2026-11-02T10:00:00Z', 'invite', 'social'),
    e('Nudge Shown', '2026-11-04T10:00:00Z', 'invite', 'social'),
    e('Nudge Clicked', '2026-11-04T10:01:00Z', 'invite', 'social'),
    e('Nudge Shown', '2026-11-05T10:00:00Z', 'import', 'control'),
    e('Nudge Dismissed', '2026-11-05T10:00:00Z', 'import', 'control'),
    { type: 'track', event: 'Project Created', timestamp: '2026-11-05T11:00:00Z' },
  ]);
  expect(seen).toEqual([
    { nudgeId: 'import', variant: 'control', shown: 1, clicked: 0, dismissed: 1, lastShown: '2026-11-05T10:00:00Z' },
    { nudgeId: 'invite', variant: 'social', shown: 2, clicked: 1, dismissed: 0, lastShown: '2026-11-04T10:00:00Z' },
  ]);
});
