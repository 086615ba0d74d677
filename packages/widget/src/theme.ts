import { css } from 'lit';

/**
 * Styles every element shares: the theme's custom properties, light/dark via
 * `color-scheme` + `light-dark()` (following `prefers-color-scheme` unless a
 * `theme` attribute or `--pulse-color-scheme` sets it), focus rings and
 * reduced motion.
 *
 * @example
 * static styles = [themeStyles, css`:host { display: block }`];
 */
export const themeStyles = css`
  :host {
    color-scheme: var(--pulse-color-scheme, light dark);
    --_accent: var(--pulse-accent, light-dark(#0b57d0, #a8c7fa));
    --_on-accent: var(--pulse-on-accent, light-dark(#fff, #062e6f));
    --_bg: var(--pulse-bg, light-dark(#fff, #1f2228));
    --_fg: var(--pulse-fg, light-dark(#1f2328, #e8eaed));
    --_muted: var(--pulse-muted, light-dark(#57606a, #aab1ba));
    --_border: var(--pulse-border, light-dark(#d1d9e0, #454c55));
    --_success: var(--pulse-success, light-dark(#1a7f37, #57d37a));
    --_shadow: var(--pulse-shadow, 0 8px 28px #0003);
    font: var(--pulse-font, 14px/1.45 system-ui, sans-serif);
    color: var(--_fg);
  }
  :host([theme='light']) {
    --pulse-color-scheme: light;
  }
  :host([theme='dark']) {
    --pulse-color-scheme: dark;
  }
  [hidden] {
    display: none !important;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .card {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--pulse-radius, 12px);
  }
  .muted {
    margin: 0;
    color: var(--_muted);
  }
  button,
  a {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  svg {
    display: block;
  }
  [part~='progress']:dir(rtl),
  [part~='ring']:dir(rtl) {
    scale: -1 1;
  }
  .btn {
    padding: 6px 12px;
    border: 1px solid var(--_accent);
    border-radius: 8px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
    text-decoration: none;
  }
  .ghost {
    border-color: var(--_border);
    background: none;
    color: var(--_fg);
  }
  .icon {
    border: 0;
    padding: 6px;
    background: none;
    color: var(--_muted);
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;
