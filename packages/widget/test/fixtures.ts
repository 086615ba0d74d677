import type { Nudge, NudgeContent, PulseConfig, ScoringModel } from '@pulse/core';

/** A model with three milestones, one of them with an unsafe href. */
export const model: ScoringModel = {
  id: 'saas',
  windowDays: 30,
  signals: [
    { id: 'projects', event: 'Project Created', weight: 4 },
    { id: 'invites', event: 'Teammate Invited', weight: 5, cap: 25 },
  ],
  scale: { maxPoints: 40 },
  bands: [
    { id: 'low', min: 0 },
    { id: 'medium', min: 40 },
    { id: 'high', min: 70, label: 'Power user' },
  ],
  milestones: [
    { id: 'first-project', event: 'Project Created', title: 'Create your first project', href: '/projects/new' },
    { id: 'invite', event: 'Teammate Invited', title: 'Invite a teammate', href: '/invite' },
    { id: 'report', event: 'Report Viewed', title: 'View a report', href: 'javascript:alert(1)' },
  ],
};

/** Banner content with a CTA that navigates. */
export const social: NudgeContent = {
  title: 'Work is better together',
  body: 'Invite a teammate to your project.',
  cta: { label: 'Invite', href: '/invite' },
};

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
