import type { NudgeDecision } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { configWith, nudge, social } from '../test/fixtures.js';
import { selectNudge, type NudgeQuery } from './select-nudge.js';

const config = configWith(
  nudge('a', 'banner', social),
  nudge('b', 'banner', { title: 'B' }),
  nudge('c', 'toast', social),
);
const decide = (nudgeId: string, reason: NudgeDecision['reason']): NudgeDecision => ({
  nudgeId,
  eligible: reason === 'eligible',
  reason,
  variant: { id: 'treatment', weight: 1, content: { title: nudgeId } },
});
const query = (over: Partial<NudgeQuery> = {}): NudgeQuery => ({
  placement: 'banner',
  only: null,
  held: null,
  skip: () => false,
  ...over,
});
const pick = (decisions: NudgeDecision[], over?: Partial<NudgeQuery>) =>
  selectNudge(config, decisions, query(over))?.nudge.id;

describe('selectNudge', () => {
  it('picks the first eligible nudge of the placement in config order', () => {
    expect(pick([decide('a', 'band'), decide('b', 'eligible'), decide('c', 'eligible')])).toBe('b');
  });

  it('keeps the held nudge while only its own impression holds it back', () => {
    const decisions = [decide('a', 'eligible'), decide('b', 'cooldown')];
    expect(pick(decisions, { held: 'b' })).toBe('b');
    expect(pick([decide('a', 'eligible'), decide('b', 'max-impressions')], { held: 'b' })).toBe('b');
  });

  it('lets go of the held nudge once it is dismissed or its goal is reached', () => {
    expect(pick([decide('a', 'eligible'), decide('b', 'dismissed')], { held: 'b' })).toBe('a');
    expect(pick([decide('a', 'band'), decide('b', 'goal-reached')], { held: 'b' })).toBeUndefined();
  });

  it('skips nudges another slot shows', () => {
    expect(pick([decide('a', 'eligible'), decide('b', 'eligible')], { skip: (id) => id === 'a' })).toBe('b');
  });

  it('only considers the nudge named by only', () => {
    expect(pick([decide('a', 'eligible'), decide('b', 'eligible')], { only: 'b' })).toBe('b');
  });

  it('returns the control variant, whose content is null', () => {
    const control: NudgeDecision = {
      nudgeId: 'a',
      eligible: true,
      reason: 'eligible',
      variant: { id: 'control', weight: 1, content: null },
    };
    expect(selectNudge(config, [control], query())?.variant).toEqual({ id: 'control', weight: 1, content: null });
  });

  it('is null without a config', () => {
    expect(selectNudge(null, [decide('a', 'eligible')], query())).toBeNull();
  });
});
