import { describe, expect, it } from 'vitest';
import {
  addEvent,
  assertConfig,
  createRollup,
  normalizeConfig,
  selectModel,
  userState,
  validateConfig,
} from '../src/index.js';

import demoJson from '../../../demo/pulse.config.json' with { type: 'json' };

const demoConfig: unknown = demoJson;

describe('demo/pulse.config.json', () => {
  it('is a valid Pulse config', () => {
    expect(validateConfig(demoConfig)).toEqual([]);
  });

  it('scores trial users with the trial model and everyone else with the active model', () => {
    const config = normalizeConfig(assertConfig(demoConfig));
    expect(selectModel(config.models, { plan: 'trial' })?.id).toBe('trial');
    expect(selectModel(config.models, { plan: 'active' })?.id).toBe('active');
  });

  it('runs invite-nudge as an A/B test with a control', () => {
    const nudge = assertConfig(demoConfig).nudges?.find((n) => n.id === 'invite-nudge');
    expect(nudge?.variants.map((v) => [v.id, v.content === null])).toEqual([
      ['control', true],
      ['social', false],
    ]);
  });

  it('makes a new trial user with a project eligible for invite-nudge', () => {
    const config = normalizeConfig(assertConfig(demoConfig));
    const model = selectModel(config.models, { plan: 'trial' });
    if (model === undefined) throw new Error('no trial model');
    const rollup = createRollup(model.id);
    const now = Date.parse('2026-11-22T12:00:00Z');
    for (const event of ['Signed Up', 'Project Created'])
      addEvent(rollup, { type: 'track', event, timestamp: now - 60_000 }, model);
    const state = userState({
      config,
      rollups: { [model.id]: rollup },
      traits: { plan: 'trial' },
      userKey: 'usr_1',
      now,
    });
    expect(state.nudges.find((n) => n.nudgeId === 'invite-nudge')?.reason).toBe('eligible');
  });
});
