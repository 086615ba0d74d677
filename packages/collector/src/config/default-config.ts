import type { PulseConfig } from '@pulse/core';

/**
 * The config a collector starts with when none was given or stored: one model
 * that works for any web product from page views alone (how many distinct days
 * and weeks a user came back, with a penalty after a week away). Replace it with
 * `--config` or `PUT /v1/admin/config`.
 *
 * @example
 * const config = DEFAULT_CONFIG; // config.models[0].id === 'default'
 */
export const DEFAULT_CONFIG: PulseConfig = {
  models: [
    {
      id: 'default',
      windowDays: 30,
      halfLifeDays: null,
      signals: [
        { id: 'active-days', event: '$page', weight: 4, count: 'activeDays', cap: 60 },
        { id: 'active-weeks', event: '$page', weight: 5, count: 'activeWeeks', cap: 20 },
        { id: 'page-views', event: '$page', weight: 0.5, cap: 20 },
      ],
      inactivity: [{ afterDays: 7, perDay: -2, cap: -30 }],
      scale: { maxPoints: 100 },
      bands: [
        { id: 'low', min: 0 },
        { id: 'medium', min: 40 },
        { id: 'high', min: 70 },
      ],
      milestones: [],
    },
  ],
  nudges: [],
};
