/** A corner of the viewport, in logical terms so it follows `dir="rtl"`. */
export const WIDGET_POSITIONS = ['bottom-end', 'bottom-start', 'top-end', 'top-start'] as const;

/**
 * `bottom-end` (default), `bottom-start`, `top-end` or `top-start`.
 *
 * @example
 * const p: WidgetPosition = 'bottom-start';
 */
export type WidgetPosition = (typeof WIDGET_POSITIONS)[number];

interface Box {
  top: number;
  left: number;
  right: number;
  bottom: number;
}

/** The opposite side on the same axis. */
const OPPOSITE: Record<string, string> = { top: 'bottom', bottom: 'top', start: 'end', end: 'start' };

/**
 * The corner the launcher should sit in so that it does not cover `target`
 * (the page's focused element): `preferred` if that is clear, else the first
 * clear corner mirrored across the inline axis, the block axis, or both. The
 * launcher's box at another corner is its current box (at `current`) mirrored.
 *
 * @example
 * dodgePosition('bottom-end', 'bottom-end', launcher.getBoundingClientRect(), input.getBoundingClientRect(),
 *   { width: innerWidth, height: innerHeight }); // → 'bottom-start' when the input is under the launcher
 */
export function dodgePosition(
  current: WidgetPosition,
  preferred: WidgetPosition,
  launcher: Box,
  target: Box,
  viewport: { width: number; height: number },
  gap = 8,
): WidgetPosition {
  const { width, height } = viewport;
  const [cb, ci] = current.split('-') as [string, string];
  const [pb, pi] = preferred.split('-') as [string, string];
  const ob = OPPOSITE[pb] as string;
  const oi = OPPOSITE[pi] as string;
  for (const [b, i] of [
    [pb, pi],
    [pb, oi],
    [ob, pi],
    [ob, oi],
  ] as const) {
    // The launcher's box at that corner: its current box, mirrored where the corner differs.
    const [left, right] = i === ci ? [launcher.left, launcher.right] : [width - launcher.right, width - launcher.left];
    const [top, bottom] =
      b === cb ? [launcher.top, launcher.bottom] : [height - launcher.bottom, height - launcher.top];
    const overlaps =
      left < target.right + gap && target.left < right + gap && top < target.bottom + gap && target.top < bottom + gap;
    if (!overlaps) return `${b}-${i}` as WidgetPosition;
  }
  return preferred;
}
