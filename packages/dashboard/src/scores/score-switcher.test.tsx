import { http, HttpResponse } from 'msw';
import { render } from 'preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Overview, ScoreList } from '../api.js';
import { App } from '../app.js';
import { BASE, installAdminApi, KEY, until } from '../../test/mock-admin-api.js';

const SCORES: ScoreList = {
  defaultScore: 'engagement',
  scores: [
    {
      id: 'engagement',
      label: 'Engagement',
      direction: 'higher-is-better',
      isDefault: true,
      bands: [
        { id: 'low', min: 0 },
        { id: 'medium', min: 35 },
        { id: 'high', min: 70 },
      ],
    },
    {
      id: 'churnRisk',
      label: 'Churn risk',
      description: 'How likely a team is to leave soon.',
      direction: 'higher-is-worse',
      isDefault: false,
      bands: [
        { id: 'safe', min: 0, label: 'Safe' },
        { id: 'watch', min: 35, label: 'Worth a check-in' },
        { id: 'at-risk', min: 65, label: 'At risk' },
      ],
    },
  ],
};

const overviewOf = (scoreId: string): Overview => ({
  users: 10,
  averageScore: scoreId === 'churnRisk' ? 22 : 48,
  histogram: [],
  bands: (SCORES.scores.find((s) => s.id === scoreId) ?? SCORES.scores[0]!).bands.map((b, i) => ({
    ...b,
    count: i + 1,
  })),
  asOf: '2026-12-02T00:00:00.000Z',
});

function api(list: ScoreList) {
  return installAdminApi([
    http.get(`${BASE}/v1/admin/me`, () =>
      HttpResponse.json({ role: 'analyst', label: 'test key', keyId: null, permissions: ['read'] }),
    ),
    http.get(`${BASE}/v1/admin/scores`, () => HttpResponse.json(list)),
    http.get(`${BASE}/v1/admin/ingestion`, () => HttpResponse.json({ behind: 0 })),
    http.get(`${BASE}/v1/admin/overview`, ({ request }) =>
      HttpResponse.json(overviewOf(new URL(request.url).searchParams.get('score') ?? list.defaultScore)),
    ),
    http.get(`${BASE}/v1/admin/trend`, () => HttpResponse.json({ days: [] })),
    http.get(`${BASE}/v1/admin/churn-risk`, ({ request }) =>
      HttpResponse.json({
        users:
          new URL(request.url).searchParams.get('score') === 'churnRisk'
            ? [{ userId: 'u7', from: 'watch', to: 'at-risk', previousScore: 40, score: 70, contributions: [] }]
            : [],
      }),
    ),
  ]);
}

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  sessionStorage.setItem('pulse.dashboard.secretKey', KEY);
  location.hash = '#/overview';
});
afterEach(() => {
  render(null, root);
  root.remove();
  sessionStorage.clear();
  location.hash = '';
  vi.unstubAllGlobals();
});

const radios = () => [...root.querySelectorAll<HTMLInputElement>('[data-testid="score-switch"] input[type=radio]')];
const overviewCalls = (seen: { url: URL }[]) =>
  seen.filter((s) => s.url.pathname === '/v1/admin/overview').map((s) => s.url.searchParams.get('score'));

it('switches the overview to another score, re-reads it with ?score= and keeps it in the address', async () => {
  const { seen } = api(SCORES);
  render(<App base={BASE} />, root);
  await until(() => radios().length === 2 && root.querySelector('[data-testid="band-low"]') !== null);
  const labels = radios().map((r) => r.parentElement!.textContent);
  expect(labels).toEqual(['Engagement', 'Churn risk']);
  expect(radios()[0]!.checked).toBe(true);
  expect(root.querySelector('[data-testid="score-switch"] legend')!.textContent).toBe('Score');
  expect(overviewCalls(seen)).toEqual([null]);
  // With a churn-risk score beside it, the engagement list is not called "churn risk".
  await until(() => [...root.querySelectorAll('h2')].some((h) => h.textContent?.startsWith('Getting worse')));
  expect([...root.querySelectorAll('h2')].map((h) => h.textContent)).toContain('Getting worse: band dropped this week');

  radios()[1]!.click();
  await until(() => root.querySelector('[data-testid="band-at-risk"]') !== null);
  expect(location.hash).toBe('#/overview?score=churnRisk');
  expect(overviewCalls(seen)).toEqual([null, 'churnRisk']);
  expect(
    seen
      .filter((s) => s.url.pathname === '/v1/admin/trend')
      .at(-1)!
      .url.searchParams.get('score'),
  ).toBe('churnRisk');
  expect(radios()[1]!.checked).toBe(true);
  expect(root.querySelector('h1')!.textContent).toBe('Overview: Churn risk');
  expect(root.querySelector('[data-testid="score-help"]')!.textContent).toBe(
    'How likely a team is to leave soon. A higher score here is worse.',
  );
  // Churn risk reads upwards: its top band is the red one.
  expect(root.querySelector('[data-testid="band-at-risk"]')!.classList.contains('band-low')).toBe(true);
  expect(root.querySelector('[data-testid="band-safe"]')!.classList.contains('band-high')).toBe(true);
  expect(root.querySelector('[data-testid="average"]')!.textContent).toBe('22.0');
  await until(() => root.querySelector('[data-testid="churn-risk"]') !== null);
  expect([...root.querySelectorAll('h2')].map((h) => h.textContent)).toContain('Getting worse: band rose this week');
  expect(root.querySelector('[data-testid="churn-risk"] a')!.getAttribute('href')).toBe('#/users/u7?score=churnRisk');
  // The tabs that show one score keep the pick; the others do not take it.
  const tab = (name: string) =>
    [...root.querySelectorAll('nav a')].find((a) => a.textContent === name)!.getAttribute('href');
  expect(tab('Funnel')).toBe('#/funnel?score=churnRisk');
  expect(tab('Users')).toBe('#/users');

  // Back to the default score: the address drops ?score=.
  radios()[0]!.click();
  await until(() => root.querySelector('[data-testid="band-low"]') !== null);
  expect(location.hash).toBe('#/overview');
});

it('opens on the score the address names', async () => {
  location.hash = '#/funnel?score=churnRisk';
  const { seen } = api(SCORES);
  render(<App base={BASE} />, root);
  await until(() => seen.some((s) => s.url.pathname === '/v1/admin/funnel') && radios().length === 2);
  expect(seen.find((s) => s.url.pathname === '/v1/admin/funnel')!.url.searchParams.get('score')).toBe('churnRisk');
  expect(radios()[1]!.checked).toBe(true);
});

it('shows no switcher when the config has one score', async () => {
  const { seen } = api({ defaultScore: 'engagement', scores: [SCORES.scores[0]!] });
  render(<App base={BASE} />, root);
  await until(() => root.querySelector('[data-testid="band-low"]') !== null);
  await until(() => seen.some((s) => s.url.pathname === '/v1/admin/scores'));
  await new Promise((r) => setTimeout(r, 50));
  expect(root.querySelector('[data-testid="score-switch"]')).toBeNull();
  expect(root.querySelector('h1')!.textContent).toBe('Overview');
  expect([...root.querySelectorAll('h2')].map((h) => h.textContent)).toContain('Churn risk: band dropped this week');
});
