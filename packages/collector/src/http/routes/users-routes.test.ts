import { DAY_MS, type PulseConfig, type ScoringModel } from '@pulse/core';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../../test/support.js';
import type { Collector } from '../../create-collector.js';
import type { UserListItem } from '../../contract/users.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const bands = [
  { id: 'low', min: 0 },
  { id: 'medium', min: 40 },
  { id: 'high', min: 70 },
];
const milestones = [
  { id: 'first-project', event: 'Project Created', title: 'Create a project' },
  { id: 'invite', event: 'Teammate Invited', title: 'Invite a teammate' },
];
const model = (id: string): ScoringModel => ({
  id,
  windowDays: 30,
  signals: [{ id: 'projects', event: 'Project Created', weight: 1 }],
  scale: { maxPoints: 10 },
  bands,
  milestones,
});
const CONFIG: PulseConfig = {
  models: [{ ...model('trial'), appliesTo: { trait: 'plan', equals: 'trial' } }, model('saas')],
  segments: [{ id: 'trial-high', name: 'Trial, high', filter: { 'trait.plan': 'trial', band: 'high' } }],
};

/** Ten users: user i has i+1 projects (score 10(i+1)), last seen i days ago; the oracle of every filter. */
const USERS = Array.from({ length: 10 }, (_, i) => ({
  userId: `user-${i}`,
  score: 10 * (i + 1),
  plan: i % 2 === 0 ? 'trial' : 'pro',
  group: i % 2 === 0 ? 'acme' : 'globex',
  invited: i % 3 === 0,
  lastSeen: NOW - i * DAY_MS,
}));
const bandOf = (s: number) => (s >= 70 ? 'high' : s >= 40 ? 'medium' : 'low');

async function seed(c: Collector): Promise<void> {
  const batch: unknown[] = [];
  for (const [i, u] of USERS.entries()) {
    const at = new Date(u.lastSeen).toISOString();
    batch.push({
      type: 'identify',
      userId: u.userId,
      traits: { plan: u.plan, seats: i },
      timestamp: at,
      messageId: `id-${i}`,
    });
    batch.push({ type: 'group', userId: u.userId, groupId: u.group, timestamp: at, messageId: `g-${i}` });
    for (let k = 0; k <= i; k++) batch.push(trackEvent({ userId: u.userId, timestamp: at }));
    if (u.invited) batch.push(trackEvent({ userId: u.userId, event: 'Teammate Invited', timestamp: at }));
  }
  batch.push(trackEvent({ userId: null, anonymousId: 'visitor', timestamp: new Date(NOW).toISOString() }));
  expect((await postBatch(c, batch)).statusCode).toBe(200);
}

for (const backend of backends()) {
  describe(`users list on ${backend.name}`, () => {
    let clock = NOW;
    let c: Collector;
    const get = (url: string) => c.app.inject({ url, headers: { authorization: `Bearer ${c.secretKey}` } });
    const ids = async (query: string) => {
      const res = await get(`/v1/admin/users?limit=500&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().users as UserListItem[]).map((u) => u.userId);
    };
    const expected = (pick: (u: (typeof USERS)[number]) => boolean) =>
      USERS.filter(pick)
        .sort((a, b) => b.score - a.score)
        .map((u) => u.userId);

    afterAll(async () => {
      await c?.close();
      await backend.cleanup();
    });

    it('answers every scored, identified user with score, band, model, lastSeen and traits', async () => {
      c = await startCollector(backend, { config: CONFIG, now: () => clock });
      await seed(c);
      const page = (await get('/v1/admin/users?limit=500')).json();
      expect(page.total).toBe(10);
      expect(page.nextCursor).toBeNull();
      const first = page.users[0] as UserListItem;
      expect(first).toEqual({
        userId: 'user-9',
        score: 100,
        band: 'high',
        model: 'saas',
        lastSeen: new Date(NOW - 9 * DAY_MS).toISOString(),
        scoreChange7d: null,
        traits: { plan: 'pro', seats: 9 },
      });
      expect(page.users.find((u: UserListItem) => u.userId === 'user-0').model).toBe('trial');
    });

    it('applies each filter as the oracle does', async () => {
      const day = (n: number) => new Date(NOW - n * DAY_MS).toISOString().slice(0, 10);
      const cases: [string, (u: (typeof USERS)[number]) => boolean][] = [
        ['band=high', (u) => bandOf(u.score) === 'high'],
        ['band=low,medium', (u) => bandOf(u.score) !== 'high'],
        ['minScore=35', (u) => u.score >= 35],
        ['maxScore=50', (u) => u.score <= 50],
        ['model=trial', (u) => u.plan === 'trial'],
        ['trait.plan=pro', (u) => u.plan === 'pro'],
        ['trait.seats=4', (u) => u.score === 50],
        ['milestone=invite', (u) => u.invited],
        ['milestoneMissing=invite', (u) => !u.invited],
        [`seenAfter=${day(3)}`, (u) => u.lastSeen >= Date.parse(day(3))],
        [`seenBefore=${day(3)}`, (u) => u.lastSeen < Date.parse(day(3))],
        ['seenAfter=-2d', (u) => u.lastSeen >= Date.parse(day(2))],
        ['group=acme', (u) => u.group === 'acme'],
        ['segment=trial-high', (u) => u.plan === 'trial' && bandOf(u.score) === 'high'],
        ['band=medium&trait.plan=trial', (u) => u.plan === 'trial' && bandOf(u.score) === 'medium'],
      ];
      for (const [query, pick] of cases) {
        expect(await ids(query), query).toEqual(expected(pick));
        expect((await get(`/v1/admin/users?${query}`)).json().total, query).toBe(expected(pick).length);
      }
    });

    it('filters on the latest band change and its direction', async () => {
      // 40 days on, every project has left the 30-day window: the sweep drops everyone to low.
      clock = NOW + 40 * DAY_MS;
      await c.sweep();
      const since = new Date(clock - DAY_MS).toISOString().slice(0, 10);
      const dropped = expected((u) => bandOf(u.score) !== 'low');
      expect(await ids(`bandChangedSince=${since}&bandDirection=down`)).toEqual(expect.arrayContaining(dropped));
      expect((await ids(`bandChangedSince=${since}&bandDirection=down`)).sort()).toEqual([...dropped].sort());
      expect(await ids(`bandChangedSince=${since}&bandDirection=up`)).toEqual([]);
      // Back to the start: the latest change of the same users is now up (and the drop is no longer the latest).
      clock = NOW;
      await c.sweep();
      const today = new Date(NOW).toISOString().slice(0, 10);
      expect((await ids(`bandChangedSince=${today}&bandDirection=up`)).sort()).toEqual([...dropped].sort());
      expect(await ids(`bandChangedSince=${today}&bandDirection=down`)).toEqual([]);
    });

    it('sorts by score, lastSeen and scoreChange7d both ways', async () => {
      const byScore = expected(() => true);
      expect(await ids('sort=score&order=desc')).toEqual(byScore);
      expect(await ids('sort=score&order=asc')).toEqual([...byScore].reverse());
      const bySeen = [...USERS].sort((a, b) => a.lastSeen - b.lastSeen).map((u) => u.userId);
      expect(await ids('sort=lastSeen&order=asc')).toEqual(bySeen);
      const change = (await get('/v1/admin/users?limit=500&sort=scoreChange7d&order=asc')).json()
        .users as UserListItem[];
      const values = change.map((u) => u.scoreChange7d ?? 0);
      expect(values).toEqual([...values].sort((a, b) => a - b));
    });

    it('pages with a cursor, losing and repeating no user while everyone is rescored', async () => {
      for (const sort of ['score', 'lastSeen', 'scoreChange7d']) {
        for (const order of ['asc', 'desc']) {
          const seen: string[] = [];
          let cursor: string | null = null;
          let pages = 0;
          do {
            const q: string = `sort=${sort}&order=${order}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
            const page = (await get(`/v1/admin/users?${q}`)).json();
            seen.push(...page.users.map((u: UserListItem) => u.userId));
            cursor = page.nextCursor;
            pages += 1;
            await Promise.all([
              c.sweep(),
              postBatch(c, [
                trackEvent({ userId: null, anonymousId: 'visitor-2', timestamp: new Date(NOW).toISOString() }),
              ]),
            ]);
          } while (cursor !== null);
          expect(pages, `${sort} ${order}`).toBe(4);
          expect([...seen].sort(), `${sort} ${order}`).toEqual(USERS.map((u) => u.userId).sort());
        }
      }
    });

    it('refuses unknown filters and bad values with a 400 naming them', async () => {
      const cases: [string, string][] = [
        ['colour=red', 'colour'],
        ['minScore=lots', 'minScore'],
        ['band=gold', 'band'],
        ['seenAfter=yesterday', 'seenAfter'],
        ['segment=nope', 'segment'],
        ['bandDirection=down', 'bandDirection'],
        ['limit=501', 'limit'],
        ['cursor=xyz', 'cursor'],
        ['sort=name', 'sort'],
      ];
      for (const [query, name] of cases) {
        const res = await get(`/v1/admin/users?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.json().error, query).toContain(name);
      }
      expect((await c.app.inject({ url: '/v1/admin/users' })).statusCode).toBe(401);
    });

    it('exports the whole filtered set as CSV, matching the API', async () => {
      const res = await get('/v1/admin/users.csv?band=low,medium&sort=lastSeen');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const lines = res.body.trim().split('\r\n');
      expect(lines[0]).toBe('userId,score,band,model,lastSeen,scoreChange7d,trait.plan,trait.seats');
      const api = (await get('/v1/admin/users?band=low,medium&sort=lastSeen&limit=500')).json().users as UserListItem[];
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(api.map((u) => u.userId));
      expect(lines[1]).toBe(
        [
          api[0]!.userId,
          api[0]!.score,
          api[0]!.band,
          api[0]!.model,
          api[0]!.lastSeen,
          '',
          api[0]!.traits.plan,
          api[0]!.traits.seats,
        ].join(','),
      );
      const viaAccept = await c.app.inject({
        url: '/v1/admin/users?band=low,medium&sort=lastSeen',
        headers: { authorization: `Bearer ${c.secretKey}`, accept: 'text/csv' },
      });
      expect(viaAccept.body).toBe(res.body);
    });
  });
}
