import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { bandText } from './band-text.js';
import { dodgePosition, type WidgetPosition } from './dodge-position.js';
import { crossIcon } from './icons.js';
import { PulseElement } from './pulse-element.js';
import { formatString } from './strings.js';
import { themeStyles } from './theme.js';
import { widgetStyles } from './widget-styles.js';

const CHECKLIST_PARTS =
  'checklist,header,title,progress-label,progress,progress-track,progress-value,complete,toggle,list,item,item-done,check,item-title,item-link,celebration';
const NUDGE_PARTS = 'nudge,inline,nudge-content,nudge-title,nudge-body,nudge-actions,cta,snooze,dismiss';

function ring(done: number, total: number): TemplateResult {
  const pct = total > 0 ? Math.round((100 * done) / total) : 0;
  return svg`<svg part="ring" viewBox="0 0 40 40" aria-hidden="true">
    <circle part="ring-track" cx="20" cy="20" r="17" />
    <circle part="ring-value" cx="20" cy="20" r="17" pathLength="100" stroke-dasharray="${pct} 100"
      opacity=${pct > 0 ? 1 : 0} transform="rotate(-90 20 20)" />
  </svg>`;
}

/**
 * `<pulse-widget>`: a launcher in a corner of the viewport whose ring shows
 * onboarding progress; it opens a panel with the score band in plain words,
 * the checklist and the current `inline` nudge. Escape or the close button
 * closes the panel and returns focus to the launcher; the launcher moves to
 * another corner rather than cover the element the page focuses. With
 * `score="churnRisk"` the band and the inline nudges are that score's; the
 * checklist stays the default score's onboarding steps.
 *
 * @example
 * html`<pulse-widget position="bottom-start" theme="dark" score="churnRisk"></pulse-widget>`;
 */
export class PulseWidget extends PulseElement {
  static override styles = [themeStyles, widgetStyles];
  static override properties = {
    position: { reflect: true },
    open: { type: Boolean, reflect: true },
    at: { state: true },
  };
  /** The preferred corner. */
  declare position: WidgetPosition;
  /** Whether the panel is open. */
  declare open: boolean;
  /** The corner in use: `position`, unless the page's focus target is there. */
  declare private at: WidgetPosition;

  constructor() {
    super();
    this.position = 'bottom-end';
    this.open = false;
    this.at = 'bottom-end';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('focusin', this.#onFocusIn);
    document.addEventListener('pointerdown', this.#onPointerDown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('focusin', this.#onFocusIn);
    document.removeEventListener('pointerdown', this.#onPointerDown);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('position')) this.at = this.position;
  }

  protected override render(): TemplateResult {
    const t = this.text;
    const state = this.state;
    const m = state.user?.milestones;
    const done = m?.done ?? 0;
    const total = m?.total ?? 0;
    // The count sits beside the button, not in it: the button's name already says it in words.
    const cls = `root${this.at.startsWith('top') ? ' top' : ''}${this.at.endsWith('start') ? ' start' : ''}`;
    return html`<div part="root" class=${cls} @keydown=${this.#onKey}>
      <div class="launch">
        <button
          part="launcher"
          class="card"
          aria-expanded=${this.open}
          aria-controls="panel"
          aria-label=${formatString(t.launcher, { done, total })}
          @click=${this.#toggle}
        >
          ${ring(done, total)}
        </button>
        <span part="launcher-label" aria-hidden="true">${total > 0 && done === total ? '✓' : `${done}/${total}`}</span>
      </div>
      <div
        part="panel"
        id="panel"
        class="card"
        role="dialog"
        aria-labelledby="panel-title"
        tabindex="-1"
        ?hidden=${!this.open}
        @pulse-nudge-close=${this.#onNudgeClose}
      >
        <div part="panel-header">
          <h2 part="panel-title" id="panel-title">${t.panelTitle}</h2>
          <button part="close" class="icon" aria-label=${t.close} @click=${() => this.#hide(true)}>${crossIcon}</button>
        </div>
        <p part="band" class="muted">${bandText(state, this.strings, this.user)}</p>
        <pulse-checklist
          exportparts=${CHECKLIST_PARTS}
          .tracker=${this.source}
          .strings=${this.strings}
        ></pulse-checklist>
        ${
          this.open
            ? html`<pulse-nudge
                placement="inline"
                .score=${this.score}
                exportparts=${NUDGE_PARTS}
                .tracker=${this.source}
                .strings=${this.strings}
              ></pulse-nudge>`
            : nothing
        }
      </div>
    </div>`;
  }

  #find(name: string): HTMLElement | null {
    return this.renderRoot.querySelector(`[part~='${name}']`);
  }

  readonly #toggle = async (): Promise<void> => {
    if (this.open) return this.#hide(true);
    this.open = true;
    await this.updateComplete;
    this.#find('panel')?.focus();
  };

  async #hide(returnFocus: boolean): Promise<void> {
    this.open = false;
    await this.updateComplete;
    if (returnFocus) this.#find('launcher')?.focus();
  }

  readonly #onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    void this.#hide(true);
  };

  readonly #onNudgeClose = (): void => {
    // The nudge that had focus is about to disappear: keep focus in the panel.
    if (this.shadowRoot?.activeElement?.localName === 'pulse-nudge') this.#find('panel')?.focus();
  };

  readonly #onPointerDown = (event: PointerEvent): void => {
    if (this.open && !event.composedPath().includes(this)) void this.#hide(false);
  };

  readonly #onFocusIn = (event: FocusEvent): void => {
    const target = event.composedPath()[0];
    if (!(target instanceof Element) || event.composedPath().includes(this)) return;
    // After the browser has scrolled the focused element into view.
    requestAnimationFrame(() => {
      const launcher = this.#find('launcher');
      if (launcher === null || !target.isConnected) return;
      const viewport = { width: document.documentElement.clientWidth, height: innerHeight };
      const rect = launcher.getBoundingClientRect();
      this.at = dodgePosition(this.at, this.position, rect, target.getBoundingClientRect(), viewport);
    });
  };
}
