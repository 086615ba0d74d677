import { css } from 'lit';

/**
 * The look of `<pulse-nudge>` per placement: an inline card, a full-width
 * banner, a fixed toast, a tooltip with an arrow.
 *
 * @example
 * static styles = [themeStyles, nudgeStyles];
 */
export const nudgeStyles = css`
  :host {
    display: block;
  }
  [part~='nudge'] {
    position: relative;
    display: flex;
    align-items: start;
    gap: 8px;
    padding: 12px;
    padding-inline-start: 16px;
  }
  [part~='nudge-content'] {
    flex: 1;
    display: grid;
    gap: 4px;
  }
  [part~='nudge-title'] {
    font-weight: 600;
  }
  [part~='nudge-actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-top: 6px;
  }
  .banner {
    align-items: center;
    border-width: 0 0 1px;
    border-radius: 0;
    background: color-mix(in srgb, var(--_accent) 12%, var(--_bg));
  }
  .banner [part~='nudge-content'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
  }
  .banner [part~='nudge-actions'] {
    margin: 0;
  }
  .toast,
  .tooltip {
    position: fixed;
    z-index: var(--pulse-z, 2147483000);
    inset-block-end: 16px;
    inset-inline-start: 16px;
    width: min(360px, calc(100vw - 48px));
    box-shadow: var(--_shadow);
    transition:
      opacity 0.2s,
      translate 0.2s;
  }
  @starting-style {
    .toast,
    .tooltip {
      opacity: 0;
      translate: 0 8px;
    }
  }
  [part~='arrow'] {
    position: absolute;
    top: -7px;
    left: calc(var(--pulse-arrow-x) - 7px);
    width: 12px;
    height: 12px;
    background: inherit;
    border: inherit;
    border-width: 1px 0 0 1px;
    rotate: 45deg;
  }
  [data-above] [part~='arrow'] {
    top: auto;
    bottom: -7px;
    border-width: 0 1px 1px 0;
  }
`;
