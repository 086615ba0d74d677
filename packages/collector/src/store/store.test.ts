import { afterAll, describe, expect, it } from 'vitest';
import { backends } from '../../test/support.js';
import { emptyUser } from './rows.js';
import type { Store } from './store.js';

const row = (messageId: string, userKey = 'u:1') => ({
  messageId,
  userKey,
  type: 'track',
  at: 1_000 + messageId.length,
  receivedAt: 2_000,
  body: JSON.stringify({ type: 'track', event: 'E', messageId }),
});

for (const backend of backends()) {
  describe(`${backend.name} store`, () => {
    afterAll(() => backend.cleanup());

    async function fresh(): Promise<Store> {
      const store = backend.open();
      await store.migrate();
      return store;
    }

    it('migrates twice without harm', async () => {
      const store = await fresh();
      await store.migrate();
      expect(await store.getMeta('nothing')).toBeNull();
      await store.close();
    });

    it('inserts an event once per (project, messageId)', async () => {
      const store = await fresh();
      const first = await store.transaction((tx) => tx.insertEvents('p', [row('a'), row('b')]));
      const again = await store.transaction((tx) => tx.insertEvents('p', [row('b'), row('c')]));
      const other = await store.transaction((tx) => tx.insertEvents('q', [row('a')]));
      expect([...first].sort()).toEqual(['a', 'b']);
      expect([...again]).toEqual(['c']);
      expect([...other]).toEqual(['a']);
      expect((await store.listEvents('p', 0, 10)).map((e) => e.messageId)).toEqual(['a', 'b', 'c']);
      await store.close();
    });

    it('rolls back everything when the transaction fails', async () => {
      const store = await fresh();
      await expect(
        store.transaction(async (tx) => {
          await tx.insertEvents('p', [row('x')]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.listEvents('p', 0, 10)).toEqual([]);
      await store.close();
    });

    it('rolls back only the failing one of concurrent transactions', async () => {
      const store = await fresh();
      const results = await Promise.allSettled([
        store.transaction((tx) => tx.insertEvents('p', [row('c1')])),
        store.transaction(async (tx) => {
          await tx.insertEvents('p', [row('c2')]);
          throw new Error('boom');
        }),
        store.transaction((tx) => tx.insertEvents('p', [row('c3')])),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await store.listEvents('p', 0, 10)).map((e) => e.messageId)).toEqual(['c1', 'c3']);
      await store.close();
    });

    it('saves, locks and deletes users', async () => {
      const store = await fresh();
      const user = { ...emptyUser('u:1'), traits: { plan: 'pro' }, score: 12, band: 'low', scoreDay: 5 };
      await store.transaction((tx) => tx.saveUsers('p', [user]));
      const locked = await store.transaction((tx) => tx.lockUsers('p', ['u:1', 'u:2']));
      expect(locked.get('u:1')).toEqual(user);
      expect(locked.get('u:2')).toEqual(emptyUser('u:2'));
      expect(await store.getUser('p', 'u:1')).toEqual(user);
      await store.transaction((tx) => tx.deleteUser('p', 'u:1'));
      expect(await store.getUser('p', 'u:1')).toBeNull();
      await store.close();
    });

    it('links an alias once and reassigns its events, links and memberships', async () => {
      const store = await fresh();
      await store.transaction(async (tx) => {
        await tx.insertEvents('p', [row('e1', 'a:x')]);
        await tx.addMemberships('p', [{ groupId: 'g', userKey: 'a:x' }]);
        expect(await tx.addLink('p', 'a:old', 'a:x')).toBe(true);
        expect(await tx.addLink('p', 'a:x', 'u:1')).toBe(true);
        expect(await tx.addLink('p', 'a:x', 'u:2')).toBe(false);
        await tx.saveUsers('p', [emptyUser('u:1')]);
        await tx.reassign('p', 'a:x', 'u:1');
      });
      const links = await store.transaction((tx) => tx.findLinks('p', ['a:old', 'a:x', 'a:none']));
      expect(Object.fromEntries(links)).toEqual({ 'a:old': 'u:1', 'a:x': 'u:1' });
      expect((await store.listEvents('p', 0, 10))[0]?.userKey).toBe('u:1');
      expect((await store.groupMembers('p', 'g')).map((u) => u.key)).toEqual(['u:1']);
      await store.close();
    });

    it('keeps one score row per user and day and finds the latest on or before a day', async () => {
      const store = await fresh();
      await store.transaction((tx) =>
        tx.recordScores('p', [
          { userKey: 'u:1', scoreId: 'engagement', day: 10, modelId: 'm', score: 30, band: 'low' },
          { userKey: 'u:1', scoreId: 'engagement', day: 20, modelId: 'm', score: 50, band: 'medium' },
          { userKey: 'u:1', scoreId: 'churnRisk', day: 20, modelId: 'c', score: 80, band: 'high' },
        ]),
      );
      await store.transaction((tx) =>
        tx.recordScores('p', [
          { userKey: 'u:1', scoreId: 'engagement', day: 20, modelId: 'm', score: 55, band: 'medium' },
        ]),
      );
      expect(await store.scoresOnOrBefore('p', 'u:1', 'engagement', [25, 15, 5])).toEqual([55, 30, null]);
      expect(await store.scoresOnOrBefore('p', 'u:1', 'churnRisk', [25, 15])).toEqual([80, null]);
      expect((await store.scoreHistory('p', 'u:1', 0, 'engagement')).map((h) => h.score)).toEqual([30, 55]);
      expect(await store.scoreHistory('p', 'u:1', 0)).toEqual([
        { userKey: 'u:1', scoreId: 'engagement', day: 10, modelId: 'm', score: 30, band: 'low' },
        { userKey: 'u:1', scoreId: 'churnRisk', day: 20, modelId: 'c', score: 80, band: 'high' },
        { userKey: 'u:1', scoreId: 'engagement', day: 20, modelId: 'm', score: 55, band: 'medium' },
      ]);
      await store.close();
    });

    it('saves every score of a user and reads them back with the user, locked or not, and per group', async () => {
      const store = await fresh();
      const user = {
        ...emptyUser('u:1'),
        score: 70,
        band: 'high',
        scoreDay: 5,
        modelId: 'eng',
        scores: {
          engagement: { modelId: 'eng', score: 70, band: 'high', scoreDay: 5 },
          churnRisk: { modelId: 'churn', score: 20, band: 'low', scoreDay: 5 },
        },
      };
      await store.transaction(async (tx) => {
        await tx.saveUsers('p', [user, emptyUser('u:2')]);
        await tx.addMemberships('p', [{ groupId: 'g', userKey: 'u:1' }]);
      });
      expect((await store.getUser('p', 'u:1'))?.scores).toEqual(user.scores);
      expect((await store.getUser('p', 'u:2'))?.scores).toEqual({});
      const churn = { modelId: 'churn', score: 65, band: 'high', scoreDay: 6 };
      await store.transaction(async (tx) => {
        const locked = (await tx.lockUsers('p', ['u:1'])).get('u:1')!;
        expect(locked.scores).toEqual(user.scores);
        await tx.saveUsers('p', [{ ...locked, scores: { ...locked.scores, churnRisk: churn } }]);
      });
      expect((await store.groupMembers('p', 'g'))[0]?.scores).toEqual({ ...user.scores, churnRisk: churn });
      await store.transaction((tx) => tx.deleteUser('p', 'u:1'));
      await store.transaction((tx) => tx.saveUsers('p', [emptyUser('u:1')]));
      expect((await store.getUser('p', 'u:1'))?.scores).toEqual({});
      await store.close();
    });

    it('pages user keys in order and counts them', async () => {
      const store = await fresh();
      await store.transaction((tx) => tx.saveUsers('p', ['u:c', 'u:a', 'u:b'].map(emptyUser)));
      expect(await store.listUserKeys('p', '', 2)).toEqual(['u:a', 'u:b']);
      expect(await store.listUserKeys('p', 'u:b', 2)).toEqual(['u:c']);
      expect(await store.countUsers('p')).toBe(3);
      await store.close();
    });

    it('leases webhook rows so they are not claimed twice, retries and gives up', async () => {
      const store = await fresh();
      await store.transaction((tx) => tx.enqueueWebhooks([{ url: 'http://127.0.0.1:1/h', payload: '{}' }]));
      const now = Date.now() + 1;
      const [claimed] = await store.claimWebhooks(now, 10, 60_000);
      expect(claimed).toMatchObject({ url: 'http://127.0.0.1:1/h', payload: '{}', attempts: 0 });
      expect(await store.claimWebhooks(now, 10, 60_000)).toEqual([]);
      await store.failWebhook(claimed!.id, now, 'HTTP 500');
      expect((await store.claimWebhooks(now, 10, 60_000))[0]?.attempts).toBe(1);
      await store.failWebhook(claimed!.id, null, 'HTTP 500');
      expect(await store.claimWebhooks(now + 120_000, 10, 60_000)).toEqual([]);
      await store.close();
    });

    it('records lifecycle moves and reads them back in order; deleting the user drops them', async () => {
      const store = await fresh();
      await store.transaction(async (tx) => {
        await tx.saveUsers('p', [{ ...emptyUser('u:1'), modelId: 'active' }]);
        await tx.recordLifecycle('p', [
          { userKey: 'u:1', at: 2_000, from: 'active', to: 'dormant' },
          { userKey: 'u:1', at: 1_000, from: 'trial', to: 'active' },
          { userKey: 'u:2', at: 1_500, from: 'trial', to: 'active' },
        ]);
      });
      expect((await store.getUser('p', 'u:1'))?.modelId).toBe('active');
      expect(await store.lifecycleHistory('p', 'u:1')).toEqual([
        { userKey: 'u:1', at: 1_000, from: 'trial', to: 'active' },
        { userKey: 'u:1', at: 2_000, from: 'active', to: 'dormant' },
      ]);
      expect(await store.lifecycleHistory('q', 'u:1')).toEqual([]);
      await store.transaction((tx) => tx.deleteUser('p', 'u:1'));
      expect(await store.lifecycleHistory('p', 'u:1')).toEqual([]);
      expect(await store.lifecycleHistory('p', 'u:2')).toHaveLength(1);
      await store.close();
    });

    it('erases a user with their linked identities and pending webhooks, and nothing of anyone else', async () => {
      const store = await fresh();
      const hook = (userId: string, userKey?: string) => ({
        url: 'http://127.0.0.1:1/h',
        payload: JSON.stringify({ type: 'user.band_changed', userId }),
        ...(userKey === undefined ? {} : { project: 'p', userKey }),
      });
      await store.transaction(async (tx) => {
        await tx.insertEvents('p', [row('e1', 'u:1'), row('e2', 'a:x'), row('e3', 'u:2')]);
        await tx.insertEvents('q', [row('e1', 'u:1')]);
        await tx.addLink('p', 'a:x', 'u:1');
        await tx.addLink('p', 'a:y', 'u:2');
        await tx.saveUsers('p', [emptyUser('u:1'), emptyUser('a:x'), emptyUser('u:2')]);
        await tx.saveUsers('q', [emptyUser('u:1')]);
        await tx.addMemberships('p', [
          { groupId: 'g', userKey: 'u:1' },
          { groupId: 'g', userKey: 'u:2' },
        ]);
        await tx.recordScores('p', [
          { userKey: 'u:1', scoreId: 'engagement', day: 1, modelId: 'm', score: 10, band: 'low' },
          { userKey: 'u:2', scoreId: 'engagement', day: 1, modelId: 'm', score: 20, band: 'low' },
        ]);
        await tx.recordLifecycle('p', [{ userKey: 'u:1', at: 1, from: 'a', to: 'b' }]);
        await tx.enqueueWebhooks([hook('1', 'u:1'), hook('1'), hook('2', 'u:2')]);
      });
      expect(await store.eraseUser('p', 'u:1')).toEqual({
        events: 2,
        identities: 2,
        scoreHistory: 1,
        lifecycle: 1,
        memberships: 1,
        links: 1,
        webhooks: 2,
      });
      expect((await store.listEvents('p', 0, 10)).map((e) => e.messageId)).toEqual(['e3']);
      expect(await store.getUser('p', 'u:1')).toBeNull();
      expect(await store.getUser('p', 'a:x')).toBeNull();
      expect(await store.scoreHistory('p', 'u:1', 0)).toEqual([]);
      expect((await store.groupMembers('p', 'g')).map((u) => u.key)).toEqual(['u:2']);
      const links = await store.transaction((tx) => tx.findLinks('p', ['a:x', 'a:y']));
      expect(Object.fromEntries(links)).toEqual({ 'a:y': 'u:2' });
      const left = await store.claimWebhooks(Date.now() + 1, 10, 60_000);
      expect(left.map((w) => JSON.parse(w.payload).userId)).toEqual(['2']);
      // Another project's user of the same id is someone else.
      expect(await store.getUser('q', 'u:1')).not.toBeNull();
      expect(await store.listEvents('q', 0, 10)).toHaveLength(1);
      expect(await store.eraseUser('p', 'u:1')).toEqual({
        events: 0,
        identities: 0,
        scoreHistory: 0,
        lifecycle: 0,
        memberships: 0,
        links: 0,
        webhooks: 0,
      });
      await store.close();
    });

    it('purges the events of one project stored for a time before the cutoff, by id range', async () => {
      const store = await fresh();
      const at = (messageId: string, time: number, userKey = 'u:1') => ({ ...row(messageId, userKey), at: time });
      await store.transaction((tx) =>
        tx.insertEvents('p', [at('old1', 100), at('new1', 900), at('old2', 200, 'u:2'), at('new2', 1000)]),
      );
      await store.transaction((tx) => tx.insertEvents('q', [at('old-q', 100)]));
      const top = await store.maxEventId('p');
      expect(top).toBeGreaterThanOrEqual(5);
      // PostgreSQL numbers a batch in messageId order: find where the first old event landed.
      const first = (await store.listEvents('p', 0, 10)).find((e) => e.at < 500)!.id;
      expect(await store.purgeEvents('p', 500, 0, first)).toBe(1);
      expect(await store.purgeEvents('p', 500, first, top)).toBe(1);
      expect((await store.listEvents('p', 0, 10)).map((e) => e.messageId)).toEqual(['new1', 'new2']);
      expect(await store.listEvents('q', 0, 10)).toHaveLength(1);
      await store.close();
    });

    it('stores meta once with setMetaIfAbsent', async () => {
      const store = await fresh();
      expect(await store.setMetaIfAbsent('k', 'first')).toBe('first');
      expect(await store.setMetaIfAbsent('k', 'second')).toBe('first');
      await store.close();
    });
  });
}
