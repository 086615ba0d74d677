import { http, HttpResponse } from 'msw';
import { render } from 'preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createApi } from '../../api.js';
import { BASE, installAdminApi, KEY, until, userDetail } from '../../../test/mock-admin-api.js';
import { UserPage } from './user-page.js';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

const days = Array.from({ length: 60 }, (_, i) => ({
  date: new Date(Date.UTC(2026, 9, 4 + i)).toISOString().slice(0, 10),
  score: 20 + (i % 30),
  band: 20 + (i % 30) >= 35 ? 'medium' : 'low',
  model: 'trial',
}));
const shown = (at: string, variant: string) => ({
  type: 'track',
  event: 'Nudge Shown',
  timestamp: at,
  properties: { nudgeId: 'invite-nudge', variant },
});

it('shows the score now, 60 days of history, steps, accounts, nudges seen and events', async () => {
  const { seen } = installAdminApi([
    http.get(`${BASE}/v1/admin/users/:id`, ({ params }) =>
      HttpResponse.json(
        userDetail(String(params.id), [
          shown('2026-12-01T10:00:00.000Z', 'social'),
          { type: 'track', event: 'Project Created', timestamp: '2026-11-30T10:00:00.000Z' },
          { type: 'page', name: 'Board', timestamp: '2026-11-29T10:00:00.000Z' },
        ]),
      ),
    ),
    http.get(`${BASE}/v1/users/:id/history`, ({ params }) => HttpResponse.json({ userId: params.id, days })),
  ]);
  render(<UserPage api={createApi(BASE, KEY)} userId="u 1" />, root);
  await until(() => root.querySelectorAll('[data-testid="history-table"] tbody tr').length > 0);
  expect(seen.find((s) => s.url.pathname.endsWith('/history'))!.url.pathname).toBe('/v1/users/u%201/history');
  expect(seen.find((s) => s.url.pathname.endsWith('/history'))!.url.searchParams.get('days')).toBe('60');
  expect(root.querySelector('h1')!.textContent).toBe('Ada Lovelace');
  expect(root.querySelector('[data-testid="user-score"]')!.textContent).toBe('31');
  // 31 now, 49 seven days ago.
  expect(root.textContent).toContain('▼ 18');
  expect(root.querySelectorAll('[data-testid="history-table"] tbody tr')).toHaveLength(60);
  expect(root.querySelector('svg title')!.textContent).toBe('Score over the last 60 days');
  expect(root.querySelector('[data-testid="milestones"]')!.textContent).toContain('Invite a teammate (not done yet)');
  expect(root.querySelector('[data-testid="user-accounts"] a')!.getAttribute('href')).toBe('#/accounts/acme');
  expect(root.querySelector('[data-testid="user-accounts"]')!.textContent).toContain('admin');
  const nudge = root.querySelector('[data-testid="user-nudges"] tbody tr')!;
  expect([...nudge.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
    'invite-nudge',
    'social',
    '1',
    '0',
    '0',
  ]);
  const events = [...root.querySelectorAll('[data-testid="user-events"] tr td:last-child')].map((td) => td.textContent);
  expect(events).toEqual(['Nudge Shown', 'Project Created', 'Viewed Board']);
});

it('reports a failed history without hiding the rest of the page', async () => {
  installAdminApi([
    http.get(`${BASE}/v1/admin/users/:id`, ({ params }) => HttpResponse.json(userDetail(String(params.id)))),
    http.get(`${BASE}/v1/users/:id/history`, () =>
      HttpResponse.json({ error: 'days: must be 1 to 400' }, { status: 400 }),
    ),
  ]);
  render(<UserPage api={createApi(BASE, KEY)} userId="u1" />, root);
  await until(() => root.querySelector('[role="alert"]') !== null);
  expect(root.querySelector('[role="alert"]')!.textContent).toBe('Could not load: days: must be 1 to 400');
  expect(root.querySelector('[data-testid="user-score"]')!.textContent).toBe('31');
});
