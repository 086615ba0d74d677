import { stringify } from 'csv-stringify/sync';
import { getOwn, setOwn, type NormalizedConfig, type ScoreResult } from '@pulse/core';
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
 * One score of an exported user: score, band and model now, the points of each
 * signal and of inactivity.
 *
 * @example
 * const s: ExportedScore = { score: 63, band: 'medium', modelId: 'saas', points: 94.5, contributions: { projects: 40 }, inactivity: 0 };
 */
export interface ExportedScore {
  score: number;
  band: string;
  modelId: string;
  points: number;
  contributions: Record<string, number>;
  inactivity: number;
}

/**
 * One exported user: the default score's fields at the top level (as before
 * several scores), every score in `scores`, and the traits.
 *
 * @example
 * const row: ExportedUser = { userId: '42', score: 63, band: 'medium', modelId: 'saas', points: 94.5,
 *   contributions: { projects: 40, invites: 25 }, inactivity: 0, scores: { engagement: { … } }, traits: { plan: 'pro' } };
 */
export interface ExportedUser extends ExportedScore {
  userId: string;
  scores: Record<string, ExportedScore>;
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

/** Every signal id of a score's models, in config order, each once: a score's contribution columns. */
function signalIds(config: NormalizedConfig, scoreId: string): string[] {
  const models = config.scores.find((s) => s.id === scoreId)?.models ?? [];
  return [...new Set(models.flatMap((m) => m.signals.map((s) => s.id)))];
}

/**
 * The CSV's column sets: the default score's unprefixed (the columns of a
 * single-score export, unchanged), then each other score's prefixed `<id>.`.
 */
function columnSets(config: NormalizedConfig): { scoreId: string; prefix: string; signals: string[] }[] {
  const ordered = [config.defaultScore, ...config.scores.map((s) => s.id).filter((id) => id !== config.defaultScore)];
  return ordered.map((id) => ({
    scoreId: id,
    prefix: id === config.defaultScore ? '' : `${id}.`,
    signals: signalIds(config, id),
  }));
}

const SCORE_COLUMNS = ['score', 'band', 'modelId', 'points', 'inactivity'] as const;

function csvRecord(u: ExportedUser, sets: ReturnType<typeof columnSets>): (string | number)[] {
  const cells: (string | number)[] = [safeCell(u.userId)];
  for (const set of sets) {
    const s = getOwn(u.scores, set.scoreId) as ExportedScore;
    cells.push(s.score, safeCell(s.band), safeCell(s.modelId), s.points, s.inactivity);
    cells.push(...set.signals.map((id) => getOwn(s.contributions, id) ?? ''));
  }
  cells.push(safeCell(JSON.stringify(u.traits)));
  return cells;
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
 * Writes every identified user's scores, bands, models and per-signal
 * contributions (for a CRM import), user by user in key order. CSV has a
 * header row and one column set per score: the default score's unprefixed
 * (`score`, `band`, `modelId`, `points`, `inactivity`, `signal:<id>` — a
 * single-score export's columns), each other score's prefixed with its id
 * (`churnRisk.score`, `churnRisk.signal:<id>`, …); a signal cell is empty when
 * the user's model lacks it; then the traits as JSON. Every text cell is quoted
 * and guarded against formula injection. Resolves to the number of users written.
 *
 * @example
 * const n = await exportUsers(ctx, { format: 'csv', write: (chunk) => out.write(chunk) });
 */
export async function exportUsers(ctx: CollectorContext, o: ExportOptions): Promise<number> {
  const config = ctx.configs.current().config;
  const now = ctx.now();
  const sets = columnSets(config);
  if (o.format === 'csv') {
    const header = ['userId'];
    for (const set of sets) {
      header.push(...SCORE_COLUMNS.map((c) => set.prefix + c), ...set.signals.map((id) => `${set.prefix}signal:${id}`));
    }
    header.push('traits');
    o.write(csv([header.map(safeCell)]));
  }
  let n = 0;
  for await (const { userId, record } of identifiedUsers(ctx)) {
    const scores: Record<string, ExportedScore> = {};
    for (const def of config.scores) setOwn(scores, def.id, exported(scoreUser(record, config, now, def.id)));
    const user: ExportedUser = {
      userId,
      ...(getOwn(scores, config.defaultScore) as ExportedScore),
      scores,
      traits: record.traits,
    };
    o.write(o.format === 'csv' ? csv([csvRecord(user, sets)]) : `${JSON.stringify(user)}\n`);
    n += 1;
  }
  return n;
}

function exported(r: ScoreResult): ExportedScore {
  const contributions: Record<string, number> = {};
  for (const c of r.contributions) setOwn(contributions, c.signal, c.points);
  return {
    score: r.score,
    band: r.band,
    modelId: r.modelId,
    points: r.points,
    contributions,
    inactivity: r.inactivity.points,
  };
}
