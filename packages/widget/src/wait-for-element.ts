import { DEV, warnOnce } from '@pulse/core/dev-warn';

function query(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    if (DEV) warnOnce?.('anchor-selector', `"${selector}" is not a valid CSS selector`);
    return null;
  }
}

/**
 * Calls `found` with the first element matching `selector`, waiting for it to
 * appear (single-page apps render anchors late), or with `null` after
 * `timeoutMs`. Never throws; the returned function stops waiting.
 *
 * @example
 * const stop = waitForElement('#invite-button', 10_000, (el) => el && showTooltipAt(el));
 */
export function waitForElement(
  selector: string,
  timeoutMs: number,
  found: (element: Element | null) => void,
  root: ParentNode & Node = document,
): () => void {
  const now = query(root, selector);
  if (now !== null) {
    found(now);
    return () => undefined;
  }
  let done = false;
  const stop = (): void => {
    done = true;
    observer.disconnect();
    clearTimeout(timer);
  };
  const finish = (element: Element | null): void => {
    if (done) return;
    stop();
    found(element);
  };
  // Attributes too: an anchor may start matching when a class is added.
  const observer = new MutationObserver(() => {
    const element = query(root, selector);
    if (element !== null) finish(element);
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true });
  const timer = setTimeout(() => {
    if (DEV) warnOnce?.('anchor-timeout', `no element matched "${selector}" within ${timeoutMs} ms`);
    finish(null);
  }, timeoutMs);
  return stop;
}
