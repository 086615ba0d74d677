/**
 * One change between two configs: where (`path`, object keys and, in arrays of
 * objects with an `id`, the item's id) and the value before and after. A value
 * added has no `before`; a value removed has no `after`.
 *
 * @example
 * const c: ConfigChange = { path: ['models', 'saas', 'signals', 'invites', 'weight'], before: 5, after: 3 };
 */
export interface ConfigChange {
  path: string[];
  before?: unknown;
  after?: unknown;
}

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An array whose items all carry a distinct string `id` is matched by id, so removing one is one change. */
function byId(items: Json[]): Map<string, Json> | null {
  const map = new Map<string, Json>();
  for (const item of items) {
    if (!isObject(item) || typeof item.id !== 'string' || map.has(item.id)) return null;
    map.set(item.id, item);
  }
  return map;
}

function same(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function walkKeyed(before: Map<string, Json>, after: Map<string, Json>, path: string[], out: ConfigChange[]): void {
  for (const [id, value] of before) {
    if (after.has(id)) walk(value, after.get(id), [...path, id], out);
    else out.push({ path: [...path, id], before: value });
  }
  for (const [id, value] of after) if (!before.has(id)) out.push({ path: [...path, id], after: value });
  const order = (m: Map<string, Json>) => [...m.keys()].filter((id) => before.has(id) && after.has(id));
  // The first model that matches applies, so an order change alone is a change too.
  if (!same(order(before), order(after)))
    out.push({ path: [...path, '(order)'], before: order(before), after: order(after) });
}

function walk(before: Json, after: Json, path: string[], out: ConfigChange[]): void {
  if (same(before, after)) return;
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      if (key in after) walk(before[key], after[key], [...path, key], out);
      else out.push({ path: [...path, key], before: before[key] });
    }
    for (const key of Object.keys(after)) if (!(key in before)) out.push({ path: [...path, key], after: after[key] });
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const b = byId(before);
    const a = byId(after);
    if (b !== null && a !== null && (b.size > 0 || a.size > 0)) return walkKeyed(b, a, path, out);
  }
  out.push({ path, before, after });
}

/**
 * The changes from config `before` to config `after` (JSON values), in the
 * order of `before`'s fields then the fields `after` adds. Arrays of objects
 * with ids (models, signals, bands, nudges, variants) are compared item by id;
 * other arrays and scalars are replaced whole.
 *
 * @example
 * configDiff({ models: [{ id: 'm', windowDays: 30 }] }, { models: [{ id: 'm', windowDays: 14 }] });
 * // → [{ path: ['models', 'm', 'windowDays'], before: 30, after: 14 }]
 */
export function configDiff(before: Json, after: Json): ConfigChange[] {
  const out: ConfigChange[] = [];
  walk(before, after, [], out);
  return out;
}
