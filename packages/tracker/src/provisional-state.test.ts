import { userNudges, type PulseConfig, type UserState } from '@pulse/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DESIGN_NUDGE, inviteModel, SAAS_MILESTONES, SAAS_SIGNALS } from '../../core/test/saas-config.js';
import { freshWriteKey, HOST, installCollector, until } from '../test/mock-collector.js';
import { createTracker } from './create-tracker.js';
import { provisionalState } from './provisional-state.js';
import type { Tracker, TrackerState, TrackerUser } from './types.js';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

// DESIGN's first two signals on a 40-point scale, the invite milestone, and a
// one-variant invite nudge shown once.
const config: PulseConfig = {
  models: [
    {
      ...inviteModel(),
      signals: SAAS_SIGNALS.slice(0, 2),
      scale: { maxPoints: 40 },
      milestones: [SAAS_MILESTONES[1]!],
    },
  ],
  nudges: [
    {
      ...DESIGN_NUDGE,
      trigger: { milestoneIncomplete: 'invite' },
      variants: [{ id: 'social', weight: 1, content: { title: 'Invite a teammate' } }],
      frequency: { maxImpressions: 1 },
    },
  ],
};

async function setup(options: { userId?: string; token?: boolean } = {}) {
  const collector = installCollector(config);
  const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, state: provisionalState, flushAt: 1000 });
  if (options.userId)
    tracker.identify(options.userId, {}, options.token === false ? {} : { userToken: `token-${options.userId}` });
  await until(() => tracker.state().source !== 'none');
  return { collector, tracker };
}

async function serverState(userId: string): Promise<UserState> {
  const res = await fetch(`${HOST}/v1/users/${userId}/state`, { headers: { 'X-Pulse-User-Token': `token-${userId}` } });
  return (await res.json()) as UserState;
}

type Timed = Pick<TrackerUser, 'milestones' | 'rollup'>;
const untimedScore = <T extends Timed>(s: T | undefined) => ({
  ...s,
  rollup: 0,
  milestones: { ...s?.milestones, items: s?.milestones.items.map((m) => ({ ...m, doneAt: 0 })) },
});
// The collector's skew correction moves times by a few ms: compare everything else, every score included.
const untimed = (user: TrackerUser | null | undefined) => ({
  ...untimedScore(user ?? undefined),
  asOf: 0,
  scores: Object.fromEntries(Object.entries(user?.scores ?? {}).map(([id, s]) => [id, untimedScore(s)])),
});

const authoritative = (tracker: Tracker) => until(() => tracker.state().source === 'authoritative');

describe('provisionalState', () => {
  it('is none until the config arrives, then provisional with the config', async () => {
    installCollector(null);
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, state: provisionalState });
    await tracker.flush();
    expect(tracker.state()).toEqual({ source: 'none', config: null, user: null, scores: {} });
    const { tracker: configured } = await setup();
    expect(configured.state()).toMatchObject({ source: 'provisional', config });
  });

  it('moves the score at once on track', async () => {
    const { tracker } = await setup();
    const before = tracker.state().user?.score;
    tracker.track('Project Created');
    expect(before).toBe(0);
    expect(tracker.state().user?.score).toBe(10);
  });

  it('completes a milestone at once', async () => {
    const { tracker } = await setup();
    tracker.track('Teammate Invited');
    expect(tracker.state().user?.milestones.items[0]).toMatchObject({ id: 'invite', done: true });
  });

  it('counts a Nudge Shown event at once, so the frequency cap holds before the collector answers', async () => {
    const { tracker } = await setup();
    const decide = () => {
      const user = tracker.state().user;
      return user ? userNudges(user, config.nudges ?? [])[0] : undefined;
    };
    expect(decide()).toMatchObject({ nudgeId: 'invite-nudge', eligible: true });
    tracker.track('Nudge Shown', { nudgeId: 'invite-nudge', variant: 'social' });
    expect(decide()).toMatchObject({ eligible: false, reason: 'max-impressions' });
    expect(tracker.state().user?.rollup.nudges['invite-nudge']?.impressions).toBe(1);
    // A provisional state leaves the nudge decisions to its reader (the widget).
    expect(tracker.state().user).not.toHaveProperty('nudges');
  });

  it('notifies on("state") listeners after a change', async () => {
    const { tracker } = await setup();
    const seen: TrackerState[] = [];
    tracker.on('state', (s) => seen.push(s));
    tracker.track('Project Created');
    tracker.track('Project Created');
    await until(() => seen.length > 0);
    expect(seen).toHaveLength(1); // one notification per burst
    expect(seen[0]?.user?.score).toBe(20);
  });

  it('after flush and refetch, state() is the collector state exactly', async () => {
    vi.useFakeTimers({ toFake: ['Date'] }); // the collector computes both answers at the same time
    const { tracker } = await setup({ userId: 'u1' });
    tracker.track('Project Created');
    tracker.track('Teammate Invited');
    const provisional = tracker.state().user;
    await tracker.flush();
    await authoritative(tracker);
    const server = await serverState('u1');
    expect(tracker.state().user).toEqual(server);
    expect(tracker.state().user?.nudges).toHaveLength(1);
    // Before the flush the page computed the same result, nudge decisions included (the
    // collector's skew correction moves times by a few ms).
    const decided = provisional && { ...provisional, nudges: userNudges(provisional, config.nudges ?? []) };
    expect(untimed(decided)).toEqual(untimed(server));
  });

  it('keeps the segments the collector last found the user in, so a segment nudge holds between answers', async () => {
    const { collector, tracker } = await setup({ userId: 'u7' });
    const nudge = { ...config.nudges![0]!, trigger: { segment: 'trial-low' } };
    collector.segments.set('u7', ['trial-low']);
    tracker.track('Project Created');
    await tracker.flush();
    await authoritative(tracker);
    expect(tracker.state().user?.segments).toEqual(['trial-low']);
    tracker.track('Project Created');
    const provisional = tracker.state();
    expect(provisional).toMatchObject({ source: 'provisional', user: { segments: ['trial-low'] } });
    expect(userNudges(provisional.user!, [nudge])).toMatchObject([{ eligible: true }]);
    // Once the collector finds the user out of it, the next state says so and the nudge goes.
    collector.segments.set('u7', []);
    await tracker.flush();
    await authoritative(tracker);
    tracker.track('Project Created');
    expect(userNudges(tracker.state().user!, [nudge])).toMatchObject([{ eligible: false, reason: 'segment' }]);
  });

  it('passes the position of acknowledged events when it refetches, so the read waits for them', async () => {
    const { collector, tracker } = await setup({ userId: 'u1' });
    collector.otherwise({ status: 200, body: { accepted: 1, duplicates: 0, rejected: [], position: '3:17' } });
    tracker.track('Project Created');
    await tracker.flush();
    await authoritative(tracker);
    expect(collector.stateUrls.at(-1)).toBe(`${HOST}/v1/users/u1/state?after=3%3A17`);
  });

  it('merges new events into the server rollup until the next refetch', async () => {
    const { tracker } = await setup({ userId: 'u2' });
    tracker.track('Project Created');
    await tracker.flush();
    await authoritative(tracker);
    tracker.track('Project Created');
    expect(tracker.state()).toMatchObject({ source: 'provisional', user: { score: 20 } });
    await tracker.flush();
    await authoritative(tracker);
    expect(tracker.state().user?.score).toBe(20);
  });

  it('stays provisional, from this page, without a user token', async () => {
    const { tracker, collector } = await setup({ userId: 'u3', token: false });
    tracker.track('Project Created');
    await tracker.flush();
    expect(tracker.state()).toMatchObject({ source: 'provisional', user: { score: 10 } });
    expect(collector.stateRequests).toBe(0);
  });

  it('forgets events the collector refused', async () => {
    const { tracker, collector } = await setup();
    collector.reply({ status: 400, body: { accepted: 0, duplicates: 0, rejected: [{ index: 0, error: 'no' }] } });
    tracker.track('Project Created');
    expect(tracker.state().user?.score).toBe(10);
    await tracker.flush();
    expect(tracker.state().user?.score).toBe(0);
  });

  it("starts over for another user: the previous user's events no longer count", async () => {
    const { tracker } = await setup({ userId: 'u4', token: false });
    tracker.track('Project Created');
    tracker.identify('u5');
    expect(tracker.state().user).toMatchObject({ userKey: 'u5', score: 0 });
  });

  it('restores the provisional state on the next page load', async () => {
    const collector = installCollector(config);
    const writeKey = freshWriteKey();
    const first = createTracker({ writeKey, host: HOST, state: provisionalState });
    await until(() => first.state().source !== 'none');
    first.track('Project Created');
    dispatchEvent(new PageTransitionEvent('pagehide'));
    collector.otherwise('network-error');
    const reloaded = createTracker({ writeKey, host: HOST, state: provisionalState });
    expect(reloaded.state().user?.score).toBe(10);
  });

  it('gives no state, rather than throwing, for a config the scorer cannot use', async () => {
    const collector = installCollector({ models: [{ id: 'broken' }] } as unknown as PulseConfig);
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, state: provisionalState });
    await until(() => collector.configRequests > 0);
    await tracker.flush();
    tracker.track('Project Created');
    expect(() => tracker.state()).not.toThrow();
    expect(tracker.state().source).toBe('none');
  });

  it('ignores a corrupted saved state', async () => {
    installCollector(config);
    const writeKey = freshWriteKey();
    localStorage.setItem(`pulse:${writeKey}`, JSON.stringify({ anonymousId: 'anon-1' }));
    const saved = { config, userKey: 'anon-1', base: { rollup: null }, pending: [null, { id: 1 }] };
    localStorage.setItem(`pulse:${writeKey}:state`, JSON.stringify(saved));
    const tracker = createTracker({ writeKey, host: HOST, state: provisionalState });
    expect(tracker.state()).toMatchObject({ source: 'provisional', user: { score: 0 } });
  });
});

describe('provisionalState with several scores', () => {
  const twoScores: PulseConfig = {
    scores: [
      { id: 'engagement', label: 'Engagement', direction: 'higher-is-better', models: config.models! },
      {
        id: 'churnRisk',
        label: 'Churn risk',
        direction: 'higher-is-worse',
        models: [
          {
            id: 'churn',
            windowDays: 30,
            signals: [{ id: 'failures', event: 'Payment Failed', weight: 50 }],
            scale: { maxPoints: 100 },
            bands: [
              { id: 'calm', min: 0 },
              { id: 'at-risk', min: 50 },
            ],
          },
        ],
      },
    ],
  };

  it('computes every score at once on track, and equals the collector after flush', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    installCollector(twoScores);
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, state: provisionalState, flushAt: 1000 });
    tracker.identify('m1', {}, { userToken: 'token-m1' });
    await until(() => tracker.state().source !== 'none');
    tracker.track('Payment Failed');
    tracker.track('Project Created');
    const provisional = tracker.state();
    expect(provisional.scores.churnRisk).toMatchObject({ scoreId: 'churnRisk', score: 50, band: 'at-risk' });
    expect(provisional.scores.engagement?.score).toBe(provisional.user?.score);
    await tracker.flush();
    await authoritative(tracker);
    const server = await serverState('m1');
    expect(tracker.state().user).toEqual(server);
    expect(tracker.state().scores.churnRisk).toMatchObject({ score: 50, band: 'at-risk' });
    expect(untimed(provisional.user).scores).toEqual(untimed(server as TrackerUser).scores);
  });
});
