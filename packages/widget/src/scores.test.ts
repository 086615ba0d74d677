import type { PulseConfig, ScoringModel } from '@pulse/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeTracker } from '../test/fake-tracker.js';
import { model, nudge, social } from '../test/fixtures.js';
import { mount, part, settle, type Mounted } from '../test/mount.js';

// Elements with `score="…"`: a page shows any score of a config with several,
// and a nudge slot for a score shows the nudges whose audience names that score.

afterEach(() => document.body.replaceChildren());

const churnModel: ScoringModel = {
  id: 'churn',
  windowDays: 30,
  signals: [{ id: 'tickets', event: 'Support Ticket Opened', weight: 15, cap: 45 }],
  scale: { maxPoints: 100 },
  bands: [
    { id: 'safe', min: 0, label: 'All good' },
    { id: 'watch', min: 30, label: 'Worth a check-in' },
    { id: 'at-risk', min: 45, label: 'We may lose you' },
  ],
};

const help = { title: 'Need a hand?', body: 'Book a call with us.' };

function twoScores(...nudges: PulseConfig['nudges'] & object): PulseConfig {
  return {
    scores: [
      { id: 'engagement', label: 'Engagement', direction: 'higher-is-better', models: [model] },
      { id: 'churnRisk', label: 'Churn risk', direction: 'higher-is-worse', models: [churnModel] },
    ],
    defaultScore: 'engagement',
    nudges,
  };
}

async function open(el: Mounted): Promise<void> {
  part(el, 'launcher')?.click();
  await settle(el);
}

describe('score="…"', () => {
  it("<pulse-widget> shows the band of the score it names, the default score's without", async () => {
    const tracker = createFakeTracker(twoScores());
    for (let i = 0; i < 3; i++) tracker.track('Support Ticket Opened');
    const churn = await mount('pulse-widget', tracker, { score: 'churnRisk' });
    const plain = await mount('pulse-widget', tracker);
    await open(churn);
    await open(plain);
    expect(tracker.state().scores?.churnRisk?.band).toBe('at-risk');
    expect(part(churn, 'band')?.textContent).toBe('We may lose you');
    expect(part(plain, 'band')?.textContent).not.toBe('We may lose you');
    expect(tracker.state().user?.band).toBe('low');

    // The property works as the attribute does, and switching re-renders.
    (churn as Mounted & { score: string | null }).score = 'engagement';
    await settle(churn);
    expect(part(churn, 'band')?.textContent).toBe(part(plain, 'band')?.textContent);
  });

  it('keeps the onboarding steps of the default score when the named score has none', async () => {
    const tracker = createFakeTracker(twoScores());
    tracker.track('Project Created');
    const el = await mount('pulse-widget', tracker, { score: 'churnRisk' });
    expect(part(el, 'launcher')?.getAttribute('aria-label')).toBe('Your progress: 1 of 3 done');
  });

  it('shows nothing for a score the config does not have', async () => {
    const tracker = createFakeTracker(twoScores());
    const el = await mount('pulse-widget', tracker, { score: 'upsell' });
    await open(el);
    expect(part(el, 'band')?.textContent).toBe('');
  });

  it("<pulse-nudge score> shows only the nudges whose audience names that score, decided on that score's bands", async () => {
    const atRisk = nudge('save-them', 'inline', help, { trigger: { score: 'churnRisk', bands: ['at-risk'] } });
    const everyone = nudge('tip', 'inline', social);
    const tracker = createFakeTracker(twoScores(everyone, atRisk));
    const churnSlot = await mount('pulse-nudge', tracker, { score: 'churnRisk' });
    const anySlot = await mount('pulse-nudge', tracker);
    await settle(churnSlot, anySlot);
    // Churn risk is "safe": the slot for it has nothing to show; the plain slot shows the default score's tip.
    expect(part(churnSlot, 'nudge')).toBeNull();
    expect(part(anySlot, 'nudge-title')?.textContent).toBe(social.title);

    for (let i = 0; i < 3; i++) tracker.track('Support Ticket Opened');
    await settle(churnSlot, anySlot);
    expect(part(churnSlot, 'nudge-title')?.textContent).toBe('Need a hand?');
    expect(part(anySlot, 'nudge-title')?.textContent).toBe(social.title);

    // The collector's decisions (authoritative state) agree.
    tracker.confirm();
    await settle(churnSlot, anySlot);
    expect(part(churnSlot, 'nudge-title')?.textContent).toBe('Need a hand?');
  });

  it('a nudge slot for the default score takes nudges that name no score', async () => {
    const atRisk = nudge('save-them', 'inline', help, { trigger: { score: 'churnRisk' } });
    const tracker = createFakeTracker(twoScores(atRisk, nudge('tip', 'inline', social)));
    const el = await mount('pulse-nudge', tracker, { score: 'engagement' });
    await settle(el);
    expect(part(el, 'nudge-title')?.textContent).toBe(social.title);
  });
});
