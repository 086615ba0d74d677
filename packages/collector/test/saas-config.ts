import type { PulseConfig } from '@pulse/core';

/** DESIGN's example model and nudge, used across the collector tests. */
export const SAAS_CONFIG: PulseConfig = {
  models: [
    {
      id: 'saas',
      windowDays: 30,
      halfLifeDays: null,
      signals: [
        { id: 'projects', event: 'Project Created', weight: 4 },
        { id: 'invites', event: 'Teammate Invited', weight: 5, cap: 25 },
        { id: 'core', event: 'Core Feature Used', weight: 5, count: 'activeWeeks' },
        { id: 'minutes', event: 'Session Ended', value: 'minutes', weight: 0.5, cap: 25 },
        { id: 'billing', event: 'Payment Failed', weight: -10 },
      ],
      inactivity: [
        { afterDays: 14, points: -10 },
        { perDay: -3, afterDays: 7, cap: -30 },
      ],
      scale: { maxPoints: 150 },
      bands: [
        { id: 'low', min: 0 },
        { id: 'medium', min: 40 },
        { id: 'high', min: 70 },
      ],
      milestones: [
        { id: 'first-project', event: 'Project Created', title: 'Create your first project' },
        { id: 'invite', event: 'Teammate Invited', title: 'Invite a teammate' },
      ],
    },
    {
      id: 'trial',
      windowDays: 14,
      signals: [{ id: 'projects', event: 'Project Created', weight: 10 }],
      scale: { maxPoints: 50 },
      bands: [
        { id: 'low', min: 0 },
        { id: 'high', min: 60 },
      ],
      appliesTo: { trait: 'plan', equals: 'trial' },
    },
  ],
  nudges: [
    {
      id: 'invite-nudge',
      placement: 'banner',
      trigger: { bands: ['low', 'medium'], milestoneIncomplete: 'invite' },
      variants: [
        { id: 'control', weight: 0.5, content: null },
        {
          id: 'social',
          weight: 0.5,
          content: { title: 'Work is better together', cta: { label: 'Invite', href: '/invite' } },
        },
      ],
      goal: { event: 'Teammate Invited', withinDays: 7 },
    },
  ],
  allowedOrigins: ['https://app.example.com'],
};

/** 2026-11-22T12:00:00Z: the clock the tests pin. */
export const NOW = Date.parse('2026-11-22T12:00:00.000Z');
