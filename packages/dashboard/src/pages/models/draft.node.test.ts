import { validateConfig, type PulseConfig } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { SAAS_CONFIG } from '../../../../core/test/saas-config.js';
import { issuesByPath, modelsAt, numberInput, rebase, scoreList, withModels } from './draft.js';

const several: PulseConfig = {
  scores: [
    { id: 'engagement', label: 'Engagement', direction: 'higher-is-better', models: SAAS_CONFIG.models! },
    {
      id: 'churn',
      label: 'Churn',
      direction: 'higher-is-worse',
      models: [{ ...SAAS_CONFIG.models![1]!, id: 'churn' }],
    },
  ],
  nudges: [],
};

describe('the draft of a score', () => {
  it('finds the models of each score in either config shape, at the validator’s paths', () => {
    expect(scoreList(SAAS_CONFIG)).toEqual([{ id: 'engagement', label: 'Engagement', path: 'models' }]);
    expect(scoreList(several).map((s) => s.path)).toEqual(['scores[0].models', 'scores[1].models']);
    expect(modelsAt(several, 'scores[1].models').map((m) => m.id)).toEqual(['churn']);
    const bad = withModels(several, 'scores[1].models', [{ ...SAAS_CONFIG.models![1]!, id: 'churn', windowDays: -1 }]);
    expect([...issuesByPath(validateConfig(bad)).keys()]).toEqual(['scores[1].models[0].windowDays']);
    expect(bad.scores![0]).toBe(several.scores![0]);
  });

  it('keeps a number that is not one as text, so the validator names it', () => {
    expect([numberInput(' 12 '), numberInput(''), numberInput('a lot')]).toEqual([12, undefined, 'a lot']);
  });

  it('lays the person’s changes over a newer version, keeping the other person’s', () => {
    const base = structuredClone(several);
    const mine = structuredClone(several);
    mine.scores![0]!.models[0]!.signals[1]!.weight = 1;
    const theirs = structuredClone(several);
    theirs.scores![0]!.models[0]!.signals[0]!.weight = 7;
    theirs.scores![1]!.label = 'Churn risk';
    const merged = rebase(base, mine, theirs);
    expect(merged.scores![0]!.models[0]!.signals.map((s) => s.weight)).toEqual([7, 1, 5, 0.5, -10]);
    expect(merged.scores![1]!.label).toBe('Churn risk');
    // Both changed the same weight: the draft on top wins.
    theirs.scores![0]!.models[0]!.signals[1]!.weight = 9;
    expect(rebase(base, mine, theirs).scores![0]!.models[0]!.signals[1]!.weight).toBe(1);
    // A signal added in the draft: its list is taken whole.
    mine.scores![0]!.models[0]!.signals.push({ id: 'x', event: 'X', weight: 1 });
    expect(rebase(base, mine, theirs).scores![0]!.models[0]!.signals).toHaveLength(6);
  });
});
