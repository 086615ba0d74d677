/**
 * Calls `visible` once, the first time at least `threshold` of `element` is in
 * the viewport while the page is visible (a background tab shows nothing).
 * `display: none` ancestors, e.g. a closed panel, count as not visible.
 * Returns a function that stops watching.
 *
 * @example
 * const stop = watchVisible(card, () => track('Nudge Shown', props));
 */
export function watchVisible(element: Element, visible: () => void, threshold = 0.5): () => void {
  let inView = false;
  const check = (): void => {
    if (!inView || document.visibilityState !== 'visible') return;
    stop();
    visible();
  };
  const observer = new IntersectionObserver(
    (entries) => {
      const entry = entries[entries.length - 1];
      // Chromium may report a ratio a hair under the threshold it crossed.
      inView = entry !== undefined && entry.isIntersecting && entry.intersectionRatio >= threshold - 0.01;
      check();
    },
    { threshold },
  );
  const stop = (): void => {
    observer.disconnect();
    document.removeEventListener('visibilitychange', check);
  };
  observer.observe(element);
  document.addEventListener('visibilitychange', check);
  return stop;
}
