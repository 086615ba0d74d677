import { stringify } from 'csv-stringify/sync';
import { getOwn, setOwn, type NormalizedConfig } from '@pulse/core';
import { identifiedUsers } from './load-population.js';
import type { CollectorContext } from '../collector-context.js';
import { scoreUser } from '../scoring/user-scoring.js';

/** The formats `pulse export` writes. */
export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;

/**
 * `csv` (one column per signal) or `ndjson` (one JSON object per line).
 *
 * @example
 * const f: ExportFormat = 'csv';
 */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * One exported user: score, band and model now, the points of each signal and
 * of inactivity, and the traits.
 *
 * @example
 * const row: ExportedUser = { userId: '42', score: 63, band: 'medium', modelId: 'saas', points: 94.5,
 *   contributions: { projects: 40, invites: 25 }, inactivity: 0, traits: { plan: 'pro' } };
 */
export interface ExportedUser {
  userId: string;
  score: number;
  band: string;
  modelId: string;
  points: number;
  contributions: Record<string, number>;
  inactivity: number;
  traits: Record<string, unknown>;
}

// A spreadsheet runs a cell that starts with one of these as a formula
// (OWASP "CSV Injection"): such a cell gets a leading apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made safe to open in a spreadsheet: prefixed with `'` when it
 * would start a formula. Quoting (commas, quotes, newlines) is csv-stringify's.
 *
 * @example
 * safeCell('=HYPERLINK("http://x")'); // → '\'=HYPERLINK("http://x")'
 */
export function safeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Every signal id of every model, in config order, each once: the CSV's contribution columns. */
function signalIds(config: NormalizedConfig): string[] {
  return [...new Set(config.models.flatMap((m) => m.signals.map((s) => s.id)))];
}

function csvRecord(u: ExportedUser, signals: readonly string[]): (string | number)[] {
  return [
    safeCell(u.userId),
    u.score,
    safeCell(u.band),
    safeCell(u.modelId),
    u.points,
    u.inactivity,
    ...signals.map((id) => getOwn(u.contributions, id) ?? ''),
    safeCell(JSON.stringify(u.traits)),
  ];
}

const csv = (records: (string | number)[][]): string =>
  stringify(records, { quoted_string: true, record_delimiter: 'windows' });

/**
 * Settings of `exportUsers`: the format and where each chunk of text goes.
 *
 * @example
 * const o: ExportOptions = { format: 'ndjson', write: (chunk) => process.stdout.write(chunk) };
 */
export interface ExportOptions {
  format: ExportFormat;
  write(chunk: string): void;
}

/**
 * Writes every identified user's score, band, model and per-signal
 * contributions (for a CRM import), user by user in key order. CSV has a
 * header row, a column per signal id (`signal:<id>`, empty when the user's model
 * lacks it) and the traits as JSON; every text cell is quoted and guarded
 * against formula injection. Resolves to the number of users written.
 *
 * @example
 * const n = await exportUsers(ctx, { format: 'csv', write: (chunk) => out.write(chunk) });
 */
export async function exportUsers(ctx: CollectorContext, o: ExportOptions): Promise<number> {
  const config = ctx.configs.current().config;
  const now = ctx.now();
  const signals = signalIds(config);
  if (o.format === 'csv') {
    const header = [
      'userId',
      'score',
      'band',
      'modelId',
      'points',
      'inactivity',
      ...signals.map((id) => `signal:${id}`),
      'traits',
    ];
    o.write(csv([header.map(safeCell)]));
  }
  let n = 0;
  for await (const { userId, record } of identifiedUsers(ctx)) {
    const r = scoreUser(record, config, now);
    const contributions: Record<string, number> = {};
    for (const c of r.contributions) setOwn(contributions, c.signal, c.points);
    const user: ExportedUser = {
      userId,
      score: r.score,
      band: r.band,
      modelId: r.modelId,
      points: r.points,
      contributions,
      inactivity: r.inactivity.points,
      traits: record.traits,
    };
    o.write(o.format === 'csv' ? csv([csvRecord(user, signals)]) : `${JSON.stringify(user)}\n`);
    n += 1;
  }
  return n;
}
