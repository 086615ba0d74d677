import { describe, expect, it } from 'vitest';
import type { ScoringModel } from './model.js';
import { matchesLifecycle, selectLifecycleModel } from './select-lifecycle-model.js';
import { selectModel } from './select-model.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T12:00:00.000Z');

function model(id: string, extra: Partial<ScoringModel> = {}): ScoringModel {
  return { id, windowDays: 30, signals: [], scale: { maxPoints: 1 }, bands: [{ id: 'all', min: 0 }], ...extra };
}

const dormant = model('dormant', { lifecycle: { minDaysInactive: 21 } });
const trial = model('trial', {
  lifecycle: { traits: [{ property: 'plan', equals: 'trial' }], maxDaysSinceFirstSeen: 14 },
});
const active = model('active');
const models = [dormant, trial, active];

const facts = (days: number, lastDay: number, traits: Record<string, unknown> = { plan: 'trial' }) => ({
  traits,
  firstSeen: T0,
  lastSeen: T0 + lastDay * DAY,
  now: T0 + days * DAY,
});

describe('selectLifecycleModel', () => {
  it('keeps a new trial user on the trial model', () => {
    expect(selectLifecycleModel(models, facts(3, 3))?.id).toBe('trial');
  });

  it('moves the user to the default model once the trial days are over', () => {
    expect(selectLifecycleModel(models, facts(14, 14))?.id).toBe('trial');
    expect(selectLifecycleModel(models, facts(15, 15))?.id).toBe('active');
  });

  it('moves a quiet user to the dormant model, whatever their traits', () => {
    expect(selectLifecycleModel(models, facts(40, 21))?.id).toBe('active');
    expect(selectLifecycleModel(models, facts(40, 19))?.id).toBe('dormant');
    expect(selectLifecycleModel(models, facts(25, 4))?.id).toBe('dormant');
  });

  it('treats a user without events as new and active', () => {
    expect(
      selectLifecycleModel(models, { traits: { plan: 'trial' }, firstSeen: null, lastSeen: null, now: T0 })?.id,
    ).toBe('trial');
  });

  it('needs appliesTo and lifecycle both to hold when a model has both', () => {
    const both = model('both', {
      appliesTo: { trait: 'plan', equals: 'pro' },
      lifecycle: { minDaysSinceFirstSeen: 30 },
    });
    expect(selectLifecycleModel([both, active], facts(40, 40, { plan: 'pro' }))?.id).toBe('both');
    expect(selectLifecycleModel([both, active], facts(10, 10, { plan: 'pro' }))?.id).toBe('active');
    expect(selectLifecycleModel([both, active], facts(40, 40, { plan: 'team' }))?.id).toBe('active');
  });

  it('equals selectModel when no model has lifecycle rules', () => {
    const paid = model('paid', { appliesTo: { trait: 'plan', in: ['pro', 'team'] } });
    for (const plan of ['pro', 'team', 'free', undefined]) {
      const traits = plan === undefined ? {} : { plan };
      expect(selectLifecycleModel([paid, active], facts(1, 1, traits))).toBe(selectModel([paid, active], traits));
    }
  });
});

describe('matchesLifecycle', () => {
  it('counts whole UTC days, inclusive at both bounds', () => {
    const rule = { minDaysInactive: 7, maxDaysInactive: 7 };
    const at = (h: number) => ({ traits: {}, firstSeen: T0, lastSeen: T0, now: T0 + h * 3_600_000 });
    expect(matchesLifecycle(rule, at(6 * 24))).toBe(false);
    expect(matchesLifecycle(rule, at(7 * 24))).toBe(true);
    expect(matchesLifecycle(rule, at(8 * 24))).toBe(false);
  });
});

describe('selectModel with lifecycle models', () => {
  it('never picks a lifecycle model, which needs event times it does not have', () => {
    expect(selectModel(models, { plan: 'trial' })?.id).toBe('active');
  });
});
