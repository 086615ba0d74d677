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
          { userKey: 'u:1', day: 10, score: 30, band: 'low' },
          { userKey: 'u:1', day: 20, score: 50, band: 'medium' },
        ]),
      );
      await store.transaction((tx) => tx.recordScores('p', [{ userKey: 'u:1', day: 20, score: 55, band: 'medium' }]));
      expect(await store.scoresOnOrBefore('p', 'u:1', [25, 15, 5])).toEqual([55, 30, null]);
      expect((await store.scoreHistory('p', 'u:1', 0)).map((h) => h.score)).toEqual([30, 55]);
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

    it('stores meta once with setMetaIfAbsent', async () => {
      const store = await fresh();
      expect(await store.setMetaIfAbsent('k', 'first')).toBe('first');
      expect(await store.setMetaIfAbsent('k', 'second')).toBe('first');
      await store.close();
    });
  });
}
