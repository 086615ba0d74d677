import type { PulseConfig } from '@pulse/core';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../../test/support.js';
import type { Collector } from '../../create-collector.js';
import type { AccountListItem } from '../../contract/accounts.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const model = {
  id: 'saas',
  windowDays: 30,
  signals: [{ id: 'projects', event: 'Project Created', weight: 1 }],
  scale: { maxPoints: 10 },
  bands: [
    { id: 'low', min: 0 },
    { id: 'medium', min: 40 },
    { id: 'high', min: 70 },
  ],
};
/** acme: ann 80 (admin), ben 20 (member); globex: cy 50 (admin). */
const MEMBERS = [
  { userId: 'ann', group: 'acme', projects: 8, role: 'admin' },
  { userId: 'ben', group: 'acme', projects: 2, role: 'member' },
  { userId: 'cy', group: 'globex', projects: 5, role: 'admin' },
];

for (const backend of backends()) {
  describe(`accounts on ${backend.name}`, () => {
    let c: Collector;
    const get = (url: string) => c.app.inject({ url, headers: { authorization: `Bearer ${c.secretKey}` } });
    const start = async (accounts?: PulseConfig['accounts']) => {
      await c?.close();
      c = await startCollector(backend, {
        config: { models: [model], ...(accounts ? { accounts } : {}) },
        now: () => NOW,
      });
      const at = new Date(NOW).toISOString();
      const batch: unknown[] = [];
      for (const [i, m] of MEMBERS.entries()) {
        batch.push({ type: 'identify', userId: m.userId, traits: { role: m.role }, timestamp: at, messageId: `i${i}` });
        const traits = { plan: m.group === 'acme' ? 'enterprise' : 'trial' };
        batch.push({ type: 'group', userId: m.userId, groupId: m.group, traits, timestamp: at, messageId: `g${i}` });
        for (let k = 0; k < m.projects; k++) batch.push(trackEvent({ userId: m.userId, timestamp: at }));
      }
      expect((await postBatch(c, batch)).statusCode).toBe(200);
    };
    afterAll(async () => {
      await c?.close();
      await backend.cleanup();
    });

    it('lists accounts with the mean of their members by default, their traits, size and band', async () => {
      await start();
      const page = (await get('/v1/admin/accounts')).json();
      expect(page.total).toBe(2);
      // Equal scores: ties go by account id, in the same order (desc).
      expect(page.accounts).toEqual([
        {
          accountId: 'globex',
          score: 50,
          band: 'medium',
          size: 1,
          lastSeen: new Date(NOW).toISOString(),
          traits: { plan: 'trial' },
        },
        {
          accountId: 'acme',
          score: 50,
          band: 'medium',
          size: 2,
          lastSeen: new Date(NOW).toISOString(),
          traits: { plan: 'enterprise' },
        },
      ]);
    });

    it('filters by band, score, size and trait, sorts and pages', async () => {
      const ids = async (q: string) =>
        ((await get(`/v1/admin/accounts?${q}`)).json().accounts as AccountListItem[]).map((a) => a.accountId);
      expect(await ids('minSize=2')).toEqual(['acme']);
      expect(await ids('maxSize=1')).toEqual(['globex']);
      expect(await ids('trait.plan=trial')).toEqual(['globex']);
      expect(await ids('band=high')).toEqual([]);
      expect(await ids('minScore=51')).toEqual([]);
      expect(await ids('sort=size&order=asc')).toEqual(['globex', 'acme']);
      const first = (await get('/v1/admin/accounts?sort=size&limit=1')).json();
      expect(first.accounts.map((a: AccountListItem) => a.accountId)).toEqual(['acme']);
      const second = (await get(`/v1/admin/accounts?sort=size&limit=1&cursor=${first.nextCursor}`)).json();
      expect(second.accounts.map((a: AccountListItem) => a.accountId)).toEqual(['globex']);
      expect(second.nextCursor).toBeNull();
      const bad = await get('/v1/admin/accounts?colour=red');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toContain('colour');
    });

    it('shows members with scores, roles and weights, and the history', async () => {
      const a = (await get('/v1/admin/accounts/acme')).json();
      expect(a.aggregation).toBe('mean');
      expect(
        a.members.map((m: { userId: string; score: number; role: string }) => [m.userId, m.score, m.role]),
      ).toEqual([
        ['ann', 80, 'admin'],
        ['ben', 20, 'member'],
      ]);
      expect(a.history.at(-1)).toEqual({ date: '2026-11-30', score: 50, band: 'medium' });
      expect((await get('/v1/admin/accounts/nobody')).statusCode).toBe(404);
      const user = (await get('/v1/admin/users/ann')).json();
      expect(user.accounts).toEqual([{ accountId: 'acme', role: 'admin' }]);
    });

    it('aggregates by max, by a member trait and by activity as configured', async () => {
      await start({ aggregation: 'max' });
      expect((await get('/v1/admin/accounts/acme')).json().score).toBe(80);
      await start({ aggregation: 'trait', weightTrait: 'role', weights: { admin: 3 } });
      expect((await get('/v1/admin/accounts/acme')).json().score).toBe(Math.round((80 * 3 + 20) / 4));
      await start({ aggregation: 'activity' });
      expect((await get('/v1/admin/accounts/acme')).json().score).toBe(Math.round((80 * 8 + 20 * 2) / 10));
    });
  });
}
