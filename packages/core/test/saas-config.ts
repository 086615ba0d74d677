// The SaaS example of DESIGN.md, shared by the test suites of every package (and
// bench/tracker): tests import these pieces by path and state what they change.
import type { Band, Milestone, Nudge, NudgeContent, PulseConfig, ScoringModel, Signal } from '@pulse/core';

/** DESIGN.md's five signals: projects, invites, core use, minutes, failed payments. */
export const SAAS_SIGNALS: readonly Signal[] = [
  { id: 'projects', event: 'Project Created', weight: 4 },
  { id: 'invites', event: 'Teammate Invited', weight: 5, cap: 25 },
  { id: 'core', event: 'Core Feature Used', weight: 5, count: 'activeWeeks' },
  { id: 'minutes', event: 'Session Ended', value: 'minutes', weight: 0.5, cap: 25 },
  { id: 'billing', event: 'Payment Failed', weight: -10 },
];

/** DESIGN.md's bands: low from 0, medium from 40, high from 70. */
export const SAAS_BANDS: readonly Band[] = [
  { id: 'low', min: 0 },
  { id: 'medium', min: 40 },
  { id: 'high', min: 70 },
];

/** The onboarding milestones: DESIGN.md's first project, and the invite its nudge is about. */
export const SAAS_MILESTONES: readonly Milestone[] = [
  { id: 'first-project', event: 'Project Created', title: 'Create your first project' },
  { id: 'invite', event: 'Teammate Invited', title: 'Invite a teammate' },
];

/** DESIGN.md's example model, as printed there. */
export const DESIGN_MODEL: ScoringModel = {
  id: 'saas',
  windowDays: 30,
  halfLifeDays: null,
  signals: [...SAAS_SIGNALS],
  inactivity: [
    { afterDays: 14, points: -10 },
    { perDay: -3, afterDays: 7, cap: -30 },
  ],
  scale: { maxPoints: 150 },
  bands: [...SAAS_BANDS],
  milestones: [SAAS_MILESTONES[0]!],
  appliesTo: { trait: 'plan', equals: 'trial' },
};

/** The content of DESIGN.md's "social" variant. */
export const SOCIAL_CONTENT: NudgeContent = {
  title: 'Work is better together',
  body: 'Invite a teammate to your project.',
  cta: { label: 'Invite', href: '/invite' },
};

/** DESIGN.md's example nudge, as printed there. */
export const DESIGN_NUDGE: Nudge = {
  id: 'invite-nudge',
  placement: 'banner',
  trigger: { bands: ['low', 'medium'], milestoneIncomplete: 'invite', minDaysSinceFirstSeen: 1 },
  variants: [
    { id: 'control', weight: 0.5, content: null },
    { id: 'social', weight: 0.5, content: SOCIAL_CONTENT },
  ],
  goal: { event: 'Teammate Invited', withinDays: 7 },
  frequency: { maxImpressions: 3, cooldownHours: 24 },
};

/**
 * A one-signal model: DESIGN's invite signal, bands and milestones on a
 * 100-point scale (a fresh copy each call, for tests that edit it).
 */
export function inviteModel(): ScoringModel {
  return structuredClone({
    id: 'saas',
    windowDays: 30,
    signals: [SAAS_SIGNALS[1]!],
    scale: { maxPoints: 100 },
    bands: [...SAAS_BANDS],
    milestones: [...SAAS_MILESTONES],
  });
}

const { appliesTo: _trialOnly, ...designForEveryone } = DESIGN_MODEL;
const { frequency: _capped, ...uncappedNudge } = DESIGN_NUDGE;

/**
 * The collector suites' config: DESIGN's model for everyone (both milestones),
 * a `trial` model for `plan: trial`, DESIGN's nudge shown from the first day and
 * without a frequency cap, and one allowed origin.
 */
export const SAAS_CONFIG: PulseConfig = {
  models: [
    { ...designForEveryone, milestones: [...SAAS_MILESTONES] },
    {
      id: 'trial',
      windowDays: 14,
      signals: [{ ...SAAS_SIGNALS[0]!, weight: 10 }],
      scale: { maxPoints: 50 },
      bands: [SAAS_BANDS[0]!, { id: 'high', min: 60 }],
      appliesTo: { trait: 'plan', equals: 'trial' },
    },
  ],
  nudges: [{ ...uncappedNudge, trigger: { bands: ['low', 'medium'], milestoneIncomplete: 'invite' } }],
  allowedOrigins: ['https://app.example.com'],
};

/** 2026-11-22T12:00:00Z: the clock the collector tests pin. */
export const NOW = Date.parse('2026-11-22T12:00:00.000Z');
