import { Analytics } from '@segment/analytics-node';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, startCollector } from '../support.js';
import { SAAS_CONFIG } from '../../../core/test/saas-config.js';

describe('a real @segment/analytics-node client', () => {
  const backend = backends()[0]!;
  afterAll(() => backend.cleanup());

  it('has its track, identify, page, group and alias calls accepted and scored', async () => {
    const c = await startCollector(backend, { config: SAAS_CONFIG });
    const url = await c.listen({ port: 0 });
    const errors: unknown[] = [];
    const analytics = new Analytics({ writeKey: c.writeKey, host: url, flushAt: 20, flushInterval: 50, maxRetries: 0 });
    analytics.on('error', (e) => errors.push(e));
    analytics.identify({ userId: 'seg-1', anonymousId: 'seg-anon', traits: { name: 'Grace' } });
    analytics.page({ userId: 'seg-1', name: 'Projects', properties: { path: '/projects' } });
    analytics.group({ userId: 'seg-1', groupId: 'seg-team', traits: { name: 'Team' } });
    for (let i = 0; i < 3; i++) analytics.track({ userId: 'seg-1', event: 'Project Created', properties: { i } });
    analytics.track({ anonymousId: 'seg-anon', event: 'Teammate Invited' });
    analytics.alias({ userId: 'seg-2', previousId: 'seg-1' });
    await analytics.closeAndFlush({ timeout: 5000 });

    expect(errors).toEqual([]);
    const events = await c.store.listEvents(c.project, 0, 100);
    expect(events.map((e) => e.type).sort()).toEqual([
      'alias',
      'group',
      'identify',
      'page',
      'track',
      'track',
      'track',
      'track',
    ]);
    const res = await fetch(`${url}/v1/users/seg-2/state`, { headers: { authorization: `Bearer ${c.secretKey}` } });
    const state = (await res.json()) as {
      contributions: { signal: string; n: number }[];
      milestones: { done: number };
    };
    expect(state.contributions.find((x) => x.signal === 'projects')?.n).toBe(3);
    expect(state.contributions.find((x) => x.signal === 'invites')?.n).toBe(1);
    expect(state.milestones.done).toBe(2);
    const group = await fetch(`${url}/v1/groups/seg-team/state`, {
      headers: { authorization: `Bearer ${c.secretKey}` },
    });
    expect(((await group.json()) as { memberCount: number }).memberCount).toBe(1);
    await c.close();
  });
});
