import type { Nudge, NudgeVariant } from '@pulse/core';
import '@pulse/widget/define';
import type { WidgetTracker, WidgetTrackerState } from '@pulse/widget';
import { useEffect, useRef } from 'preact/hooks';

const MODES = [
  { id: 'light', label: 'Light', theme: 'light', dir: 'ltr' },
  { id: 'dark', label: 'Dark', theme: 'dark', dir: 'ltr' },
  { id: 'rtl', label: 'Right to left', theme: 'light', dir: 'rtl' },
] as const;

const PLACEMENT_NOTE: Record<Nudge['placement'], string> = {
  banner: 'A full-width banner at the top of the page.',
  inline: 'A card where the page places it.',
  toast: 'A small card in a corner of the screen (shown here in place).',
  tooltip: 'A bubble pointing at its anchor (shown here in place).',
};

/**
 * A tracker that only answers one state: this variant, decided eligible, for
 * one preview element. It records nothing (`track` does nothing, and the nudge
 * is a `preview`, for which the widget records no events anyway).
 */
function previewTracker(nudge: Nudge, variant: NudgeVariant): WidgetTracker {
  const shown: Nudge = { ...nudge, status: 'running', trigger: {}, variants: [variant], preview: true };
  const state: WidgetTrackerState = {
    source: 'authoritative',
    config: { models: [], nudges: [shown] },
    user: {
      userKey: 'preview',
      nudges: [{ nudgeId: nudge.id, eligible: true, reason: 'eligible', variant }],
    } as unknown as WidgetTrackerState['user'],
  };
  return { track: () => undefined, state: () => state, on: () => () => undefined };
}

function Frame({ nudge, variant, mode }: { nudge: Nudge; variant: NudgeVariant; mode: (typeof MODES)[number] }) {
  const host = useRef<HTMLDivElement>(null);
  // A fresh element per change: the real <pulse-nudge>, as the product's page renders it.
  useEffect(() => {
    const el = document.createElement('pulse-nudge');
    el.setAttribute('placement', nudge.placement === 'banner' ? 'banner' : 'inline');
    el.setAttribute('theme', mode.theme);
    el.setAttribute('nudge', nudge.id);
    el.tracker = previewTracker(nudge, variant);
    host.current?.replaceChildren(el);
    return () => el.remove();
  }, [nudge, variant, mode]);
  return (
    <figure class={`nudge-frame ${mode.id}`} dir={mode.dir} data-testid={`preview-${variant.id}-${mode.id}`}>
      <figcaption dir="ltr">{mode.label}</figcaption>
      {/* The dark and right-to-left copies repeat the light one: one copy for keyboards and screen readers. */}
      <div ref={host} inert={mode.id !== 'light'} />
    </figure>
  );
}

/**
 * Every variant of the draft as the product will show it, in light, dark and
 * right-to-left, re-rendered by the real `<pulse-nudge>` on every change.
 *
 * @example
 * <NudgePreview nudge={draft} />
 */
export function NudgePreview({ nudge }: { nudge: Nudge }) {
  return (
    <section class="card nudge-preview" aria-label="Live preview">
      <h2>Live preview</h2>
      <p class="muted">{PLACEMENT_NOTE[nudge.placement]}</p>
      {nudge.variants.map((v) => (
        <div key={v.id} class="preview-variant">
          <h3>{v.id || 'Unnamed variant'}</h3>
          {v.content === null ? (
            <p class="muted">Control: these users see nothing, so the others can be compared with them.</p>
          ) : v.content.title.trim() === '' ? (
            <p class="muted">Give this variant a title to see it.</p>
          ) : (
            <div class="preview-modes">
              {MODES.map((m) => (
                <Frame key={m.id} nudge={nudge} variant={v} mode={m} />
              ))}
            </div>
          )}
        </div>
      ))}
    </section>
  );
}
