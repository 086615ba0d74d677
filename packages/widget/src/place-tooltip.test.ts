import { describe, expect, it } from 'vitest';
import { placeTooltip } from './place-tooltip.js';

const viewport = { width: 800, height: 600 };
const tip = { width: 200, height: 100 };
const rect = (left: number, top: number, width = 80, height = 30) => ({
  left,
  top,
  width,
  height,
  bottom: top + height,
});

describe('placeTooltip', () => {
  it('centres the tooltip below the anchor', () => {
    expect(placeTooltip(rect(300, 100), tip, viewport)).toEqual({ top: 140, left: 240, side: 'bottom', arrow: 100 });
  });

  it('goes above when it does not fit below and there is more room above', () => {
    expect(placeTooltip(rect(300, 540), tip, viewport)).toMatchObject({ top: 430, side: 'top' });
  });

  it('stays below when neither side fits but below has more room', () => {
    expect(placeTooltip(rect(300, 60), { width: 200, height: 560 }, viewport).side).toBe('bottom');
  });

  it('stays inside the viewport and keeps the arrow on the anchor', () => {
    expect(placeTooltip(rect(0, 100, 40), tip, viewport)).toMatchObject({ left: 8, arrow: 16 });
    expect(placeTooltip(rect(760, 100, 40), tip, viewport)).toMatchObject({ left: 592, arrow: 184 });
  });
});
