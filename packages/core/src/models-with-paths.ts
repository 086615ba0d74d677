import { isRecord } from './own.js';

/**
 * A model object found in an untrusted config, with its path, the index of its
 * score (`-1` in the single-score shape) and that score's id when it has one.
 *
 * @example
 * const m: ModelAt = { model: { id: 'saas' }, path: 'scores[0].models[0]', scoreIndex: 0, scoreId: 'engagement' };
 */
export interface ModelAt {
  model: Record<string, unknown>;
  path: string;
  scoreIndex: number;
  scoreId: string | undefined;
}

/**
 * Every model object of an untrusted config, in either shape (`models`, or each
 * score's `models`), with its path for error messages.
 *
 * @example
 * modelsWithPaths({ scores: [{ id: 'churnRisk', models: [m] }] }); // → [{ model: m, path: 'scores[0].models[0]', … }]
 */
export function modelsWithPaths(config: Record<string, unknown>): ModelAt[] {
  const found: ModelAt[] = [];
  const add = (list: unknown, base: string, scoreIndex: number, scoreId: string | undefined): void => {
    if (!Array.isArray(list)) return;
    list.forEach((model: unknown, i) => {
      if (isRecord(model)) found.push({ model, path: `${base}[${i}]`, scoreIndex, scoreId });
    });
  };
  add(config.models, 'models', -1, undefined);
  if (Array.isArray(config.scores)) {
    config.scores.forEach((s: unknown, i) => {
      if (isRecord(s)) add(s.models, `scores[${i}].models`, i, typeof s.id === 'string' ? s.id : undefined);
    });
  }
  return found;
}
