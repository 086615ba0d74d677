import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchVisible } from './watch-visible.js';

afterEach(() => {
  document.body.replaceChildren();
  scrollTo(0, 0);
});

function box(css: string): HTMLElement {
  const el = document.createElement('div');
  el.style.cssText = `height:100px;${css}`;
  document.body.append(el);
  return el;
}

const idle = (ms = 100) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchVisible', () => {
  it('fires once for an element in view', async () => {
    const visible = vi.fn();
    watchVisible(box(''), visible);
    await vi.waitFor(() => expect(visible).toHaveBeenCalledOnce());
    await idle();
    expect(visible).toHaveBeenCalledOnce();
  });

  it('waits until at least half the element is scrolled into view', async () => {
    box('height:3000px');
    const target = box('');
    const visible = vi.fn();
    watchVisible(target, visible);
    await idle();
    expect(visible).not.toHaveBeenCalled();
    scrollTo(0, target.offsetTop - innerHeight + 30);
    await idle();
    expect(visible).not.toHaveBeenCalled();
    scrollTo(0, target.offsetTop - innerHeight + 100);
    await vi.waitFor(() => expect(visible).toHaveBeenCalledOnce());
  });

  it('does not fire for an element inside display: none', async () => {
    const parent = box('display:none');
    const child = document.createElement('p');
    child.textContent = 'hidden';
    parent.append(child);
    const visible = vi.fn();
    watchVisible(child, visible);
    await idle();
    expect(visible).not.toHaveBeenCalled();
    parent.style.display = 'block';
    await vi.waitFor(() => expect(visible).toHaveBeenCalledOnce());
  });

  it('does not fire after it was stopped', async () => {
    const visible = vi.fn();
    watchVisible(box(''), visible)();
    await idle();
    expect(visible).not.toHaveBeenCalled();
  });
});
