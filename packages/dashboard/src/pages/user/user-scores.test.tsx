import { http, HttpResponse } from 'msw';
import { render } from 'preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createApi, type ScoreList, type UserDetail } from '../../api.js';
import { BASE, installAdminApi, KEY, until, userDetail } from '../../../test/mock-admin-api.js';
import { UserPage } from './user-page.js';

const LIST: ScoreList = {
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
      direction: 'higher-is-worse',
      isDefault: false,
      bands: [
        { id: 'safe', min: 0 },
        { id: 'watch', min: 35 },
        { id: 'at-risk', min: 65 },
      ],
    },
  ],
};

/** Ada: low on engagement (31, down 18 in a week), high on churn risk (72, up 30). */
function twoScores(): UserDetail {
  const d = userDetail('u1');
  const {
    scores: _s,
    nudges: _n,
    userKey: _k,
    asOf: _a,
    ...engagement
  } = d.state as unknown as Record<string, unknown>;
  const churn = {
    scoreId: 'churnRisk',
    label: 'Churn risk',
    direction: 'higher-is-worse',
    modelId: 'churn-risk',
    score: 72,
    band: 'at-risk',
    points: 72,
    contributions: [{ signal: 'tickets', event: 'Support Ticket Opened', n: 3, points: 45, capped: true }],
    inactivity: { daysInactive: 9, points: 24, rules: [] },
    milestones: { done: 0, total: 0, ratio: 0, items: [] },
    rollup: {},
    trend: { score7dAgo: 42, score30dAgo: null },
  };
  const state = {
    ...d.state,
    scoreId: 'engagement',
    scores: {
      engagement: { ...engagement, scoreId: 'engagement', label: 'Engagement', direction: 'higher-is-better' },
      churnRisk: churn,
    },
  };
  return { ...d, state: state as unknown as UserDetail['state'] };
}

const history = (scoreId: string) =>
  Array.from({ length: 10 }, (_, i) => ({
    date: new Date(Date.UTC(2026, 10, 20 + i)).toISOString().slice(0, 10),
    score: scoreId === 'churnRisk' ? 40 + 3 * i : 50 - 2 * i,
    band: scoreId === 'churnRisk' ? (40 + 3 * i >= 65 ? 'at-risk' : 'watch') : 'medium',
    model: scoreId === 'churnRisk' ? 'churn-risk' : 'trial',
  }));

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

function mock() {
  return installAdminApi([
    http.get(`${BASE}/v1/admin/users/:id`, () => HttpResponse.json(twoScores())),
    http.get(`${BASE}/v1/users/:id/history`, ({ request, params }) =>
      HttpResponse.json({
        userId: params.id,
        days: history(new URL(request.url).searchParams.get('score') ?? 'engagement'),
      }),
    ),
  ]);
}

const tile = (id: string, field: string) =>
  root.querySelector(`[data-score="${id}"] [data-field="${field}"]`)?.textContent ?? null;

it('shows every score of the user side by side, with band and 7-day change', async () => {
  const { seen } = mock();
  render(<UserPage api={createApi(BASE, KEY)} userId="u1" scores={LIST} score={null} switcher={<p>switch</p>} />, root);
  await until(() => root.querySelectorAll('[data-testid="history-table"] tbody tr').length > 0);
  const names = [...root.querySelectorAll('.score-tile h2')].map((h) => h.textContent);
  expect(names).toEqual(['Engagement', 'Churn risk']);
  expect([tile('engagement', 'score'), tile('engagement', 'band'), tile('engagement', 'change')]).toEqual([
    '31',
    'low',
    '▼ 18 points down',
  ]);
  expect([tile('churnRisk', 'score'), tile('churnRisk', 'band'), tile('churnRisk', 'change')]).toEqual([
    '72',
    'at-risk',
    '▲ 30 points up',
  ]);
  // Falling engagement and rising churn risk are both bad news, in red.
  expect(root.querySelector('[data-score="engagement"] [data-field="change"] span')!.className).toBe('negative');
  expect(root.querySelector('[data-score="churnRisk"] [data-field="change"] span')!.className).toBe('negative');
  expect(root.querySelector('[data-score="churnRisk"] [data-field="score"]')!.classList.contains('band-low')).toBe(
    true,
  );
  expect(root.textContent).toContain('Lifecycle stage: churn-risk');
  // The default score's numbers keep a single score's test ids.
  expect(root.querySelector('[data-testid="user-score"]')!.closest('[data-score]')!.getAttribute('data-score')).toBe(
    'engagement',
  );
  expect(root.querySelector('[data-testid="user-band"]')!.textContent).toBe('low');
  expect(root.textContent).toContain('switch');
  expect(root.querySelector('[data-testid="history-heading"]')!.textContent).toBe('Engagement history');
  expect(seen.find((s) => s.url.pathname.endsWith('/history'))!.url.searchParams.get('score')).toBeNull();
  // The thresholds come from the score list: no overview read.
  expect(seen.some((s) => s.url.pathname === '/v1/admin/overview')).toBe(false);
  expect([...root.querySelectorAll('[data-threshold]')].map((t) => t.getAttribute('data-threshold'))).toEqual([
    'medium',
    'high',
  ]);
});

it("shows the picked score's history, thresholds and make-up, and the onboarding steps", async () => {
  const { seen } = mock();
  render(<UserPage api={createApi(BASE, KEY)} userId="u1" scores={LIST} score="churnRisk" />, root);
  await until(() => root.querySelectorAll('[data-testid="history-table"] tbody tr').length > 0);
  expect(seen.find((s) => s.url.pathname.endsWith('/history'))!.url.searchParams.get('score')).toBe('churnRisk');
  expect(root.querySelector('[data-testid="history-heading"]')!.textContent).toBe('Churn risk history');
  expect([...root.querySelectorAll('[data-threshold]')].map((t) => t.getAttribute('data-threshold'))).toEqual([
    'watch',
    'at-risk',
  ]);
  expect(root.querySelector('[data-threshold="at-risk"]')!.classList.contains('band-low')).toBe(true);
  expect([...root.querySelectorAll('h2')].map((h) => h.textContent)).toContain('What makes up the churn risk score');
  expect(root.textContent).toContain('Support Ticket Opened');
  expect(root.querySelector('[data-testid="inactivity"]')!.textContent).toBe('+24.0 quiet for 9 days');
  expect(root.querySelector('[data-testid="inactivity"] span')!.className).toBe('negative');
  // Tickets raise the churn risk: bad news, in red.
  expect(root.querySelector('[data-signal="tickets"] span')!.className).toBe('negative');
  // Churn risk has no onboarding steps of its own: the user's steps still show.
  expect(root.querySelector('[data-testid="milestones"]')!.textContent).toContain('Invite a teammate');
  expect(root.querySelector('[data-testid="history-table"] tbody tr:last-child')!.textContent).toContain('67');
});
