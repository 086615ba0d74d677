import { getResponse, http, HttpResponse, type RequestHandler } from 'msw';
import { vi } from 'vitest';
import type { Funnel, Overview, Segment, UserDetail, UserListItem } from '../src/api.js';

/** The address the mocked admin API answers on. */
export const BASE = 'https://collector.test';
/** The secret key the mock expects. */
export const KEY = 'sk_test';

/** Every request the mock answered, for assertions. */
export interface Seen {
  method: string;
  url: URL;
  body: unknown;
}

const user = (i: number): UserListItem => ({
  userId: `u${i}`,
  score: 80 - i,
  band: i < 3 ? 'high' : 'medium',
  model: 'trial',
  lastSeen: '2026-11-30T10:00:00.000Z',
  scoreChange7d: i % 2 === 0 ? -i : i,
  traits: { plan: 'trial', name: `User ${i}` },
});

/** A population of `n` listed users, highest score first. */
export const USERS = Array.from({ length: 120 }, (_, i) => user(i));

const overview: Overview = {
  users: USERS.length,
  averageScore: 40,
  histogram: [],
  bands: [
    { id: 'low', min: 0, count: 1 },
    { id: 'medium', min: 35, count: 2 },
    { id: 'high', min: 70, count: 3 },
  ],
  asOf: '2026-12-02T00:00:00.000Z',
};
const funnel: Funnel = { total: 120, milestones: [{ id: 'invite', title: 'Invite a teammate', completed: 30 }] };

/**
 * The admin API in msw handlers behind a stubbed `fetch`: the users list (pages
 * of `limit`, cursor = next offset), segments (kept in memory), its CSV, a user's
 * detail and history, the overview and the funnel. Extra handlers go first.
 */
export function installAdminApi(extra: RequestHandler[] = []) {
  const seen: Seen[] = [];
  const segments = new Map<string, Segment>();
  const handlers: RequestHandler[] = [
    ...extra,
    http.get(`${BASE}/v1/admin/users`, ({ request }) => {
      const q = new URL(request.url).searchParams;
      const limit = Number(q.get('limit') ?? 50);
      const from = Number(q.get('cursor') ?? 0);
      const rows = USERS.filter((u) => !q.get('band') || u.band === q.get('band'));
      const next = from + limit < rows.length ? String(from + limit) : null;
      return HttpResponse.json({ users: rows.slice(from, from + limit), nextCursor: next, total: rows.length });
    }),
    http.get(
      `${BASE}/v1/admin/users.csv`,
      () => new HttpResponse('userId,score\nu0,80\n', { headers: { 'content-type': 'text/csv' } }),
    ),
    http.get(`${BASE}/v1/admin/segments`, () => HttpResponse.json({ segments: [...segments.values()] })),
    http.put(`${BASE}/v1/admin/segments/:id`, async ({ request, params }) => {
      const body = (await request.clone().json()) as Omit<Segment, 'id'>;
      const saved = { id: String(params.id), ...body };
      segments.set(saved.id, saved);
      return HttpResponse.json(saved);
    }),
    http.get(`${BASE}/v1/admin/overview`, () => HttpResponse.json(overview)),
    http.get(`${BASE}/v1/admin/funnel`, () => HttpResponse.json(funnel)),
  ];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.headers.get('authorization') !== `Bearer ${KEY}`)
      return HttpResponse.json({ error: 'no key' }, { status: 401 });
    const body: unknown =
      request.method === 'GET'
        ? null
        : await request
            .clone()
            .json()
            .catch(() => null);
    seen.push({ method: request.method, url: new URL(request.url), body });
    const response = await getResponse(handlers, request);
    return response ?? HttpResponse.json({ error: `no handler for ${request.url}` }, { status: 404 });
  });
  return { seen, segments };
}

/** A user detail for the user page. */
export function userDetail(userId: string, events: UserDetail['events'] = []): UserDetail {
  return {
    userId,
    traits: { name: 'Ada Lovelace', plan: 'trial' },
    state: {
      modelId: 'trial',
      score: 31,
      band: 'low',
      points: 28,
      contributions: [{ signal: 'projects', event: 'Project Created', n: 2, points: 12, capped: false }],
      inactivity: {},
      userKey: userId,
      milestones: {
        done: 1,
        total: 2,
        ratio: 0.5,
        items: [
          {
            id: 'first-project',
            title: 'Create your first project',
            done: true,
            doneAt: Date.parse('2026-11-01T00:00:00Z'),
          },
          { id: 'invite', title: 'Invite a teammate', done: false, doneAt: null },
        ],
      },
      nudges: [],
      asOf: '2026-12-02T00:00:00.000Z',
      rollup: {},
      trend: { score7dAgo: 49, score30dAgo: 20 },
    } as unknown as UserDetail['state'],
    lifecycle: [],
    events,
    accounts: [{ accountId: 'acme', role: 'admin' }],
  };
}

/** Resolves once `condition()` holds, polling each task; rejects after `ms`. */
export async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > ms) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
}
