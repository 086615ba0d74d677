import type { PulseConfig, ScoringModel, ValidationIssue } from '@pulse/core';

/**
 * Where a score's models live in the config as written: `scores[i].models`
 * for the several-scores shape, `models` for the single-score one. Paths are
 * the validator's (`scores[0].models[1].signals[2].weight`).
 *
 * @example
 * scoreList({ models: [m] }); // → [{ id: 'engagement', label: 'Engagement', path: 'models' }]
 */
export function scoreList(config: PulseConfig): { id: string; label: string; path: string }[] {
  if (config.scores !== undefined) {
    return config.scores.map((s, i) => ({ id: s.id, label: s.label, path: `scores[${i}].models` }));
  }
  return [{ id: 'engagement', label: 'Engagement', path: 'models' }];
}

/**
 * The models at a `scoreList` path.
 *
 * @example
 * modelsAt(config, 'scores[1].models')[0].id; // → 'churn'
 */
export function modelsAt(config: PulseConfig, path: string): ScoringModel[] {
  const m = /^scores\[(\d+)\]\.models$/.exec(path);
  if (m !== null) return config.scores?.[Number(m[1])]?.models ?? [];
  return config.models ?? [];
}

/**
 * A copy of the config with the models at `path` replaced.
 *
 * @example
 * const next = withModels(config, 'models', [edited]);
 */
export function withModels(config: PulseConfig, path: string, models: ScoringModel[]): PulseConfig {
  const m = /^scores\[(\d+)\]\.models$/.exec(path);
  if (m === null) return { ...config, models };
  const i = Number(m[1]);
  return { ...config, scores: (config.scores ?? []).map((s, j) => (j === i ? { ...s, models } : s)) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A three-way merge: the person's changes (from `base` to `mine`) laid over a
 * newer version (`theirs`), field by field; where both changed the same field,
 * the person's value wins (it is their draft, on top). Lists of the same length
 * merge item by item; otherwise the changed side's list is taken whole.
 *
 * @example
 * rebase({ a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 3 }); // → { a: 2, b: 3 }
 */
export function rebase<T>(base: T, mine: T, theirs: T): T {
  if (same(mine, base)) return theirs;
  if (same(theirs, base)) return mine;
  if (isObject(base) && isObject(mine) && isObject(theirs)) {
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(theirs), ...Object.keys(mine)])) {
      const merged = rebase(base[key], mine[key], theirs[key]);
      if (merged !== undefined) out[key] = merged;
    }
    return out as T;
  }
  if (Array.isArray(base) && Array.isArray(mine) && Array.isArray(theirs)) {
    if (base.length === mine.length && mine.length === theirs.length) {
      return mine.map((m: unknown, i) => rebase(base[i], m, theirs[i])) as T;
    }
  }
  return mine;
}

/**
 * Validator issues by exact path, the first message per path.
 *
 * @example
 * issuesByPath([{ path: 'models[0].windowDays', message: 'must be > 0' }]).get('models[0].windowDays'); // → 'must be > 0'
 */
export function issuesByPath(issues: readonly ValidationIssue[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of issues) if (!out.has(i.path)) out.set(i.path, i.message);
  return out;
}

/**
 * Reads a number field: blank is `undefined` (the setting is left out), anything
 * else a number, or the text itself when it is not one (so the validator names it).
 *
 * @example
 * numberInput('12'); // → 12
 */
export function numberInput(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/**
 * Reads a value a filter compares with: numbers and true/false as such, else the text.
 *
 * @example
 * scalarInput('pro'); // → 'pro'
 */
export function scalarInput(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : text;
}

/**
 * Sets (or, with `undefined`, removes) a key of an object, returning a copy.
 *
 * @example
 * assign({ cap: 5, weight: 1 }, 'cap', undefined); // → { weight: 1 }
 */
export function assign<T extends object>(o: T, key: string, value: unknown): T {
  const next = { ...o } as Record<string, unknown>;
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as T;
}

/**
 * A fresh id not yet used in the list: `base`, `base-2`, `base-3`…
 *
 * @example
 * freshId(['signal'], 'signal'); // → 'signal-2'
 */
export function freshId(ids: readonly string[], base: string): string {
  if (!ids.includes(base)) return base;
  for (let n = 2; ; n++) if (!ids.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * An id from an event name, for a signal added from the picker.
 *
 * @example
 * idFromEvent('Teammate Invited'); // → 'teammate-invited'
 */
export function idFromEvent(event: string): string {
  const id = event
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return id === '' ? 'signal' : id.slice(0, 40);
}
