import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitForElement } from './wait-for-element.js';

afterEach(() => document.body.replaceChildren());

const add = (html: string): void => document.body.insertAdjacentHTML('beforeend', html);

describe('waitForElement', () => {
  it('finds an element that is already there at once', () => {
    add('<p id="here"></p>');
    const found = vi.fn();
    waitForElement('#here', 1000, found);
    expect(found).toHaveBeenCalledWith(document.getElementById('here'));
  });

  it('waits for an element added later', async () => {
    const found = vi.fn();
    waitForElement('.late', 1000, found);
    add('<p class="late"></p>');
    await vi.waitFor(() => expect(found).toHaveBeenCalledWith(document.querySelector('.late')));
  });

  it('notices an element that starts matching when a class is added', async () => {
    add('<p id="p"></p>');
    const found = vi.fn();
    waitForElement('.ready', 1000, found);
    document.getElementById('p')?.classList.add('ready');
    await vi.waitFor(() => expect(found).toHaveBeenCalledOnce());
  });

  it('gives up with null after the timeout', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const found = vi.fn();
    waitForElement('#never', 500, found);
    vi.advanceTimersByTime(500);
    expect(found).toHaveBeenCalledWith(null);
    vi.useRealTimers();
    warn.mockRestore();
  });

  it('treats an invalid selector as never matching, without throwing', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const found = vi.fn();
    expect(() => waitForElement('[[', 100, found)).not.toThrow();
    vi.advanceTimersByTime(100);
    expect(found).toHaveBeenCalledWith(null);
    vi.useRealTimers();
    warn.mockRestore();
  });

  it('stops waiting when stopped', async () => {
    const found = vi.fn();
    const stop = waitForElement('.late', 1000, found);
    stop();
    add('<p class="late"></p>');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(found).not.toHaveBeenCalled();
  });
});
