import { render } from 'preact';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Funnel } from '../api.js';
import { FunnelOverTime } from './funnel-over-time.js';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const funnel: Funnel = {
  total: 4,
  milestones: [
    { id: 'first-project', title: 'Create your first project', completed: 3 },
    { id: 'invite', title: 'Invite a teammate', completed: 1 },
  ],
  overTime: [
    {
      date: '2026-11-16',
      users: 0,
      milestones: [
        { id: 'first-project', completed: 0 },
        { id: 'invite', completed: 0 },
      ],
    },
    {
      date: '2026-11-23',
      users: 2,
      milestones: [
        { id: 'first-project', completed: 1 },
        { id: 'invite', completed: 0 },
      ],
    },
    {
      date: '2026-11-30',
      users: 4,
      milestones: [
        { id: 'first-project', completed: 3 },
        { id: 'invite', completed: 1 },
      ],
    },
  ],
};

it('draws each milestone as a share of the users seen by each week, with a table of the same', () => {
  render(<FunnelOverTime funnel={funnel} />, root);
  expect(root.querySelector('svg title')!.textContent).toBe('Share of users who completed each milestone, by week (%)');
  expect([...root.querySelectorAll('path.line')].map((p) => p.getAttribute('data-series'))).toEqual([
    'Create your first project',
    'Invite a teammate',
  ]);
  const rows = [...root.querySelectorAll('[data-testid="funnel-weeks"] tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent),
  );
  // A week with no users yet has no share (a dash), not 0%.
  expect(rows).toEqual([
    ['2026-11-16', '0', '—', '—'],
    ['2026-11-23', '2', '50.0%', '0.0%'],
    ['2026-11-30', '4', '75.0%', '25.0%'],
  ]);
});

it('renders nothing for an answer without weeks', () => {
  render(<FunnelOverTime funnel={{ total: 1, milestones: [] }} />, root);
  expect(root.innerHTML).toBe('');
});
