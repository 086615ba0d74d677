import type { Nudge, NudgeContent, PulseConfig, ScoringModel } from '@pulse/core';
import { inviteModel, SAAS_BANDS, SAAS_MILESTONES, SAAS_SIGNALS, SOCIAL_CONTENT } from '../../core/test/saas-config.js';

/** DESIGN's first two signals on a 40-point scale, with three milestones, one of them with an unsafe href. */
export const model: ScoringModel = {
  ...inviteModel(),
  signals: SAAS_SIGNALS.slice(0, 2),
  scale: { maxPoints: 40 },
  bands: [SAAS_BANDS[0]!, SAAS_BANDS[1]!, { ...SAAS_BANDS[2]!, label: 'Power user' }],
  milestones: [
    { ...SAAS_MILESTONES[0]!, href: '/projects/new' },
    { ...SAAS_MILESTONES[1]!, href: '/invite' },
    { id: 'report', event: 'Report Viewed', title: 'View a report', href: 'javascript:alert(1)' },
  ],
};

/** Banner content with a CTA that navigates (DESIGN's "social" variant). */
export const social: NudgeContent = SOCIAL_CONTENT;

/** A nudge everyone is eligible for, in the one variant given. */
export function nudge(
  id: string,
  placement: Nudge['placement'],
  content: NudgeContent | null,
  extra: Partial<Nudge> = {},
): Nudge {
  return {
    id,
    placement,
    trigger: {},
    variants: [{ id: content === null ? 'control' : 'treatment', weight: 1, content }],
    goal: { event: 'Teammate Invited', withinDays: 7 },
    ...extra,
  };
}

/** The model with these nudges. */
export function configWith(...nudges: Nudge[]): PulseConfig {
  return { models: [model], nudges };
}
