import { svg } from 'lit';

/**
 * A close cross, drawn in `currentColor`.
 *
 * @example
 * html`<button aria-label="Close">${crossIcon}</button>`;
 */
export const crossIcon = svg`<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>`;
