import { css } from 'lit';

/**
 * The look of `<pulse-widget>`: a round launcher with a progress ring in a
 * viewport corner (logical, so RTL mirrors it) and the panel next to it.
 *
 * @example
 * static styles = [themeStyles, widgetStyles];
 */
export const widgetStyles = css`
  .root {
    position: fixed;
    z-index: var(--pulse-z, 2147483000);
    inset-block-end: 16px;
    inset-inline-end: 16px;
    display: flex;
    flex-direction: column-reverse;
    align-items: end;
    gap: 12px;
  }
  .top {
    inset-block: 16px auto;
    flex-direction: column;
  }
  .start {
    inset-inline: 16px auto;
    align-items: start;
  }
  .launch {
    display: grid;
    place-items: center;
  }
  .launch > * {
    grid-area: 1 / 1;
  }
  [part~='launcher'] {
    width: 56px;
    height: 56px;
    padding: 3px;
    border-radius: 50%;
    box-shadow: var(--_shadow);
  }
  circle {
    fill: none;
    stroke: var(--_border);
    stroke-width: 4;
  }
  [part~='ring-value'] {
    stroke: var(--_accent);
    stroke-linecap: round;
  }
  [part~='launcher-label'] {
    pointer-events: none;
    font-size: 12px;
    font-weight: 700;
  }
  [part~='panel'] {
    display: grid;
    gap: 12px;
    width: min(360px, calc(100vw - 32px));
    max-height: calc(100vh - 104px);
    overflow: auto;
    padding: 16px;
    box-sizing: border-box;
    box-shadow: var(--_shadow);
    transition:
      opacity 0.15s,
      translate 0.15s;
    outline: none;
  }
  @starting-style {
    [part~='panel'] {
      opacity: 0;
      translate: 0 8px;
    }
  }
  [part~='panel-header'] {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  h2 {
    margin: 0;
    font-size: 1.15em;
  }
  pulse-checklist::part(checklist) {
    padding: 0;
    border: 0;
  }
`;
