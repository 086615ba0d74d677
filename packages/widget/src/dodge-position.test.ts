import { describe, expect, it } from 'vitest';
import { dodgePosition } from './dodge-position.js';

const viewport = { width: 1000, height: 800 };
// A 56 px launcher 16 px from the bottom-right corner.
const launcher = { left: 928, right: 984, top: 728, bottom: 784 };
const box = (left: number, top: number, width: number, height: number) => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

describe('dodgePosition', () => {
  it('keeps the preferred corner when the target is elsewhere', () => {
    expect(dodgePosition('bottom-end', 'bottom-end', launcher, box(100, 100, 200, 30), viewport)).toBe('bottom-end');
  });

  it('mirrors across the inline axis when the target is under the launcher', () => {
    expect(dodgePosition('bottom-end', 'bottom-end', launcher, box(900, 740, 90, 30), viewport)).toBe('bottom-start');
  });

  it('mirrors across the block axis when a full-width bar is under it', () => {
    expect(dodgePosition('bottom-end', 'bottom-end', launcher, box(0, 740, 1000, 40), viewport)).toBe('top-end');
  });

  it('returns to the preferred corner once the target moves away', () => {
    const mirrored = { left: 16, right: 72, top: 728, bottom: 784 };
    expect(dodgePosition('bottom-start', 'bottom-end', mirrored, box(100, 100, 50, 30), viewport)).toBe('bottom-end');
  });

  it('stays put when every corner is covered', () => {
    expect(dodgePosition('bottom-end', 'bottom-end', launcher, box(0, 0, 1000, 800), viewport)).toBe('bottom-end');
  });
});
