/** A rectangle in viewport coordinates, as `getBoundingClientRect()` returns. */
export interface ViewportRect {
  top: number;
  left: number;
  bottom: number;
  width: number;
  height: number;
}

/**
 * Where a tooltip goes: viewport coordinates of its top-left corner, the side
 * of the anchor it sits on, and the arrow's offset from the tooltip's left edge.
 *
 * @example
 * const p: TooltipPlacement = { top: 120, left: 40, side: 'bottom', arrow: 60 };
 */
export interface TooltipPlacement {
  top: number;
  left: number;
  side: 'top' | 'bottom';
  arrow: number;
}

const clamp = (x: number, min: number, max: number): number => Math.min(Math.max(x, min), Math.max(min, max));

/**
 * Places a tooltip below its anchor, or above when it does not fit below and
 * there is more room above, centred on the anchor but kept `margin` px inside
 * the viewport; the arrow keeps pointing at the anchor's centre.
 *
 * @example
 * placeTooltip(anchor.getBoundingClientRect(), tip.getBoundingClientRect(), { width: innerWidth, height: innerHeight });
 */
export function placeTooltip(
  anchor: ViewportRect,
  tip: { width: number; height: number },
  viewport: { width: number; height: number },
  gap = 10,
  margin = 8,
): TooltipPlacement {
  const spaceBelow = viewport.height - anchor.bottom - gap - margin;
  const spaceAbove = anchor.top - gap - margin;
  const side = tip.height <= spaceBelow || spaceBelow >= spaceAbove ? 'bottom' : 'top';
  const top = side === 'bottom' ? anchor.bottom + gap : anchor.top - gap - tip.height;
  const centre = anchor.left + anchor.width / 2;
  const left = clamp(centre - tip.width / 2, margin, viewport.width - tip.width - margin);
  return { top, left, side, arrow: clamp(centre - left, 16, tip.width - 16) };
}
