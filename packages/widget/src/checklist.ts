import { isSafeHref, type MilestoneState } from '@pulse/core';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { PulseElement } from './pulse-element.js';
import { formatString } from './strings.js';
import { themeStyles } from './theme.js';

const styles = css`
  :host {
    display: block;
  }
  [part~='checklist'] {
    position: relative;
    display: grid;
    gap: 8px;
    padding: 16px;
  }
  [part~='progress'] {
    width: 100%;
    height: 6px;
  }
  [part~='progress-track'] {
    fill: var(--_border);
  }
  [part~='progress-value'] {
    fill: var(--_accent);
  }
  [part~='header'] {
    display: flex;
    justify-content: space-between;
    gap: 8px;
  }
  [part~='title'] {
    font-weight: 600;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part~='item'] {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 32px;
  }
  [part~='check'] {
    display: grid;
    place-items: center;
    flex: none;
    width: 20px;
    height: 20px;
    box-sizing: border-box;
    border: 2px solid var(--_border);
    border-radius: 50%;
    color: var(--_bg);
    font-size: 12px;
    font-weight: 700;
  }
  [part~='item-done'] [part~='check'] {
    background: var(--_success);
    border-color: var(--_success);
    animation: pop 0.3s;
  }
  [part~='item-done'] [part~='item-title'] {
    color: var(--_muted);
    text-decoration: line-through;
  }
  [part~='item-link'] {
    color: var(--_accent);
  }
  [part~='toggle'] {
    justify-self: start;
  }
  [part~='celebration'] {
    position: absolute;
    inset-inline-start: 50%;
    top: 40%;
    width: 6px;
    height: 6px;
    border-radius: 50%;
    opacity: 0;
    box-shadow:
      0 -24px var(--_accent),
      21px -12px var(--_success),
      21px 12px var(--_accent),
      0 24px var(--_success),
      -21px 12px var(--_accent),
      -21px -12px var(--_success);
    animation: pop 0.9s ease-out;
  }
  @keyframes pop {
    from {
      scale: 0;
      opacity: 1;
    }
  }
`;

/**
 * A progress bar for `done` of `total`, as SVG so no inline style is needed
 * (inline styles are refused under a strict CSP).
 *
 * @example
 * html`${progressBar(2, 5, '2 of 5 done')}`;
 */
export function progressBar(done: number, total: number, label: string): TemplateResult {
  const width = total > 0 ? (100 * done) / total : 0;
  return html`<svg
    part="progress"
    viewBox="0 0 100 6"
    preserveAspectRatio="none"
    role="progressbar"
    aria-label=${label}
    aria-valuemin="0"
    aria-valuemax=${total}
    aria-valuenow=${done}
  >
    <rect part="progress-track" width="100" height="6" rx="3" />
    <rect part="progress-value" width=${width} height="6" rx="3" />
  </svg>`;
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * `<pulse-checklist>`: the user's milestones, done or not, with a progress bar;
 * a step not done yet links to where it is done. Once every step is done the
 * list collapses behind a toggle, with a small celebration when that happens
 * in front of the user (none under `prefers-reduced-motion`).
 *
 * @example
 * html`<pulse-checklist .tracker=${tracker} .strings=${{ checklistTitle: 'Erste Schritte' }}></pulse-checklist>`;
 */
export class PulseChecklist extends PulseElement {
  static override styles = [themeStyles, styles];
  static override properties = { expanded: { state: true } };
  declare expanded: boolean;
  #celebrate = false;
  #wasIncomplete = false;

  constructor() {
    super();
    this.expanded = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const m = this.user?.milestones;
    if (!m || m.total === 0) return;
    const complete = m.done === m.total;
    if (complete && this.#wasIncomplete && !prefersReducedMotion()) this.#celebrate = true;
    this.#wasIncomplete = !complete;
  }

  protected override render(): TemplateResult {
    const t = this.text;
    const m = this.user?.milestones;
    const done = m?.done ?? 0;
    const total = m?.total ?? 0;
    const label = formatString(t.progress, { done, total });
    const complete = total > 0 && done === total;
    return html`<div part="checklist" class="card" role="group" aria-labelledby="title" aria-busy=${!m}>
      <div part="header">
        <span part="title" id="title">${t.checklistTitle}</span>
        <span part="progress-label" class="muted" aria-hidden="true">${m ? label : ''}</span>
      </div>
      ${progressBar(done, total, label)} ${complete ? this.#renderComplete() : nothing}
      ${
        m && (!complete || this.expanded)
          ? html`<ul part="list">
              ${m.items.map((i) => this.#renderItem(i))}
            </ul>`
          : nothing
      }
    </div>`;
  }

  #renderComplete(): TemplateResult {
    const t = this.text;
    const burst = this.#celebrate ? html`<span part="celebration" aria-hidden="true"></span>` : nothing;
    return html`<p part="complete" class="muted">${t.complete}${burst}</p>
      <button
        part="toggle"
        class="btn ghost"
        aria-expanded=${this.expanded}
        @click=${() => (this.expanded = !this.expanded)}
      >
        ${this.expanded ? t.hideSteps : t.showSteps}
      </button>`;
  }

  #renderItem(item: MilestoneState): TemplateResult {
    const t = this.text;
    const title =
      !item.done && item.href !== undefined && isSafeHref(item.href)
        ? html`<a part="item-link" href=${item.href} dir="auto">${item.title}</a>`
        : html`<span part="item-title" dir="auto">${item.title}</span>`;
    return html`<li part=${item.done ? 'item item-done' : 'item'}>
      <span part="check" aria-hidden="true">${item.done ? '✓' : ''}</span>
      ${title}<span class="sr">(${item.done ? t.done : t.notDone})</span>
    </li>`;
  }
}
