import { describe, expect, it } from 'vitest';
import type { ScoringModel } from './model.js';
import { selectModel } from './select-model.js';

function model(id: string, appliesTo?: ScoringModel['appliesTo']): ScoringModel {
  const m: ScoringModel = { id, windowDays: 30, signals: [], scale: { maxPoints: 1 }, bands: [{ id: 'all', min: 0 }] };
  if (appliesTo !== undefined) m.appliesTo = appliesTo;
  return m;
}

const trial = model('trial', { trait: 'plan', equals: 'trial' });
const paid = model('paid', { trait: 'plan', in: ['pro', 'team'] });
const fallback = model('default');

describe('selectModel', () => {
  it('picks the first model whose appliesTo equals the trait', () => {
    expect(selectModel([trial, paid, fallback], { plan: 'trial' })?.id).toBe('trial');
  });

  it('matches appliesTo.in', () => {
    expect(selectModel([trial, paid, fallback], { plan: 'team' })?.id).toBe('paid');
  });

  it('takes the first match when several apply', () => {
    const trial2 = model('trial-2', { trait: 'plan', in: ['trial'] });
    expect(selectModel([trial2, trial, fallback], { plan: 'trial' })?.id).toBe('trial-2');
  });

  it('falls back to the first model without appliesTo, wherever it is listed', () => {
    expect(selectModel([trial, fallback, paid], { plan: 'free' })?.id).toBe('default');
  });

  it('falls back to the default without traits', () => {
    expect(selectModel([trial, paid, fallback])?.id).toBe('default');
  });

  it('falls back to the first model when every model has a non-matching appliesTo', () => {
    expect(selectModel([paid, trial], { plan: 'free' })?.id).toBe('paid');
  });

  it('returns undefined without models', () => {
    expect(selectModel([], { plan: 'trial' })).toBeUndefined();
  });

  it('compares strictly', () => {
    const seats = model('five-seats', { trait: 'seats', equals: 5 });
    expect(selectModel([seats, fallback], { seats: '5' })?.id).toBe('default');
    expect(selectModel([seats, fallback], { seats: 5 })?.id).toBe('five-seats');
  });

  it('reads own traits only, never inherited ones', () => {
    const proto = model('proto', { trait: 'constructor', in: ['Object'] });
    const tostring = model('tostring', { trait: 'toString', equals: 'x' });
    expect(selectModel([proto, tostring, fallback], {})?.id).toBe('default');
  });
});
