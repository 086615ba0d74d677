import { normalizeConfig, validateConfig, type Nudge, type PulseConfig } from '@pulse/core';

/**
 * A new nudge as the editor starts it: a banner with a control and one variant, half each.
 *
 * @example
 * const draft = newDraft('invite-nudge');
 */
export function newDraft(id: string): Nudge {
  return {
    id,
    placement: 'banner',
    trigger: {},
    variants: [
      { id: 'control', weight: 0.5, content: null },
      { id: 'variant-a', weight: 0.5, content: { title: '', body: '', cta: { label: '', href: '' } } },
    ],
    goal: { event: '', withinDays: 7 },
    frequency: { maxImpressions: 3, cooldownHours: 24 },
  };
}

/**
 * The nudge as the API takes it: empty optional fields dropped (an empty body,
 * CTA, href or event is "none", not an error).
 *
 * @example
 * api.send('PUT', `/v1/admin/nudges/${id}`, cleanNudge(draft));
 */
export function cleanNudge(n: Nudge): Nudge {
  const variants = n.variants.map((v) => {
    if (v.content === null) return v;
    const { title, body, cta } = v.content;
    const label = cta?.label.trim() ?? '';
    const href = cta?.href?.trim() ?? '';
    const event = cta?.event?.trim() ?? '';
    const content = {
      title,
      ...(body?.trim() ? { body } : {}),
      ...(label || href || event ? { cta: { label, ...(href ? { href } : {}), ...(event ? { event } : {}) } } : {}),
    };
    return { ...v, content };
  });
  const t = n.trigger;
  const trigger = {
    ...(t.bands?.length ? { bands: t.bands } : {}),
    ...(t.milestoneIncomplete ? { milestoneIncomplete: t.milestoneIncomplete } : {}),
    ...(t.minDaysSinceFirstSeen !== undefined && !Number.isNaN(t.minDaysSinceFirstSeen)
      ? { minDaysSinceFirstSeen: t.minDaysSinceFirstSeen }
      : {}),
    ...(t.event?.trim() ? { event: t.event.trim() } : {}),
    ...(t.segment ? { segment: t.segment } : {}),
    ...(t.score ? { score: t.score } : {}),
  };
  const { anchor, frequency, description, ...rest } = n;
  return {
    ...rest,
    ...(n.placement === 'tooltip' ? { anchor: anchor ?? '' } : {}),
    ...(description?.trim() ? { description } : {}),
    trigger,
    variants,
    ...(frequency ? { frequency } : {}),
  };
}

/**
 * Core's validator on the config the draft would join, its issues keyed by the
 * path inside the nudge (`variants[1].content.title`): the same checks the
 * collector runs, shown at each field.
 *
 * @example
 * draftIssues(document, draft).get('goal.event'); // → 'must be a non-empty string'
 */
export function draftIssues(document: PulseConfig, draft: Nudge): Map<string, string> {
  const others = (document.nudges ?? []).filter((n) => n.id !== draft.id);
  const at = others.length;
  const prefix = `nudges[${at}]`;
  const issues = new Map<string, string>();
  for (const i of validateConfig({ ...document, nudges: [...others, cleanNudge(draft)] })) {
    if (i.path === prefix || i.path.startsWith(`${prefix}.`) || i.path.startsWith(`${prefix}[`)) {
      const key = i.path.slice(prefix.length).replace(/^\./, '') || 'nudge';
      if (!issues.has(key)) issues.set(key, i.message);
    }
  }
  return issues;
}

/**
 * What the audience can name: bands and milestones of every score, and the saved segments.
 *
 * @example
 * const { bands, milestones, segments } = vocabulary(document);
 */
export function vocabulary(document: PulseConfig) {
  const bands = new Map<string, string>();
  const milestones = new Map<string, string>();
  try {
    for (const s of normalizeConfig(document).scores) {
      for (const m of s.models) {
        for (const b of m.bands) bands.set(b.id, b.label ?? b.id);
        for (const x of m.milestones ?? []) milestones.set(x.id, x.title);
      }
    }
  } catch {
    // A config the collector accepted always normalises; nothing to offer otherwise.
  }
  return { bands, milestones, segments: document.segments ?? [] };
}

/** Variant ids and weights in order: what assignment hashes into. */
export const arms = (n: Nudge): string => JSON.stringify(n.variants.map((v) => [v.id, v.weight]));
