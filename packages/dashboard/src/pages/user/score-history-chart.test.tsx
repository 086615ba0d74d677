import { render } from 'preact';
import { expect, it } from 'vitest';
import { historySummary, ScoreHistoryChart } from './score-history-chart.js';

const days = [
  { date: '2026-11-01', score: 20, band: 'low' },
  { date: '2026-11-02', score: 72, band: 'high' },
  { date: '2026-11-03', score: 41, band: 'medium' },
];

it('sums up the history in one sentence', () => {
  expect(historySummary(days)).toBe(
    'From 20 (low) on 1 Nov 2026 the score rose to 41 (medium) on 3 Nov 2026; highest 72 on 2 Nov 2026, lowest 20 on 1 Nov 2026.',
  );
  expect(historySummary([])).toBe('No score history yet.');
});

it('draws the band thresholds, describes itself and offers the numbers as a table', () => {
  const root = document.createElement('div');
  document.body.append(root);
  render(
    <ScoreHistoryChart
      days={days}
      thresholds={[
        { id: 'low', min: 0 },
        { id: 'medium', min: 35 },
        { id: 'high', min: 70 },
      ]}
    />,
    root,
  );
  const svg = root.querySelector('svg')!;
  expect(svg.getAttribute('role')).toBe('img');
  expect(root.querySelector('desc')?.textContent).toBe(historySummary(days));
  // 0 is the axis itself; the other thresholds are lines at their height (0–100 mapped onto the plot).
  expect([...root.querySelectorAll('[data-threshold]')].map((g) => g.getAttribute('data-threshold'))).toEqual([
    'medium',
    'high',
  ]);
  const y = (id: string) => Number(root.querySelector(`[data-threshold="${id}"] line`)!.getAttribute('y1'));
  expect(y('high')).toBeLessThan(y('medium'));
  const rows = [...root.querySelectorAll('[data-testid="history-table"] tbody tr')].map((r) => r.textContent);
  expect(rows).toEqual(['2026-11-0120low', '2026-11-0272high', '2026-11-0341medium']);
  render(null, root);
  root.remove();
});
