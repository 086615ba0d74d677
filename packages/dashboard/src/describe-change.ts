import type { ConfigChange } from './api.js';

// Lists whose items carry an id, by the word for one item.
const ITEM: Record<string, string> = {
  models: 'Model',
  signals: 'signal',
  bands: 'band',
  milestones: 'milestone',
  nudges: 'Nudge',
  variants: 'variant',
  scores: 'Score',
  segments: 'Segment',
};

// Field names in the words a growth team uses.
const FIELD: Record<string, string> = {
  weight: 'weight',
  windowDays: 'counting window (days)',
  halfLifeDays: 'half-life (days)',
  maxPoints: 'points for a full score',
  min: 'lowest score',
  cap: 'cap',
  count: 'how it counts',
  where: 'only when',
  event: 'event',
  inactivity: 'inactivity rules',
  appliesTo: 'who it applies to',
  allowedOrigins: 'allowed websites',
  retention: 'data retention',
  withinDays: 'within (days)',
  maxImpressions: 'most times shown',
  cooldownHours: 'pause between showings (hours)',
  cta: 'button',
  href: 'link',
};

const words = (key: string) => FIELD[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * Where a change happened, in words: `['models', 'saas', 'signals', 'invites', 'weight']`
 * → `Model “saas” › signal “invites” › weight`.
 *
 * @example
 * changePlace(['nudges', 'invite', 'goal', 'withinDays']); // → 'Nudge “invite” › goal › within (days)'
 */
export function changePlace(path: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const item = ITEM[key];
    const id = path[i + 1];
    if (item !== undefined && id !== undefined) {
      parts.push(id === '(order)' ? `order of ${key}` : `${item} “${id}”`);
      i++;
    } else parts.push(words(key));
  }
  const text = parts.join(' › ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A value as a person reads it: text and numbers as they are, nothing as
 * “(none)”, anything larger as compact JSON.
 *
 * @example
 * showValue(null); // → '(none)'
 */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return `“${value}”`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * What kind of change it is: a value added, removed or changed.
 *
 * @example
 * changeKind({ path: ['a'], after: 1 }); // → 'added'
 */
export function changeKind(change: ConfigChange): 'added' | 'removed' | 'changed' {
  if (!('before' in change)) return 'added';
  if (!('after' in change)) return 'removed';
  return 'changed';
}
