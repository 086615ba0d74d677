/**
 * What the tracker does on page lifecycle events.
 *
 * @example
 * const handlers: LifecycleHandlers = { _hide: sendQueued, online: flush, storage: (key) => sync(key) };
 */
export interface LifecycleHandlers {
  /** The page is hidden or being left: the last moment to send reliably. */
  _hide(): void;
  online(): void;
  /** Another tab changed localStorage under `key`. */
  storage(key: string | null): void;
}

/**
 * Listens to the page events delivery depends on. Unload uses `visibilitychange`
 * (hidden) and `pagehide`, never `unload` / `beforeunload`, which keep a page out
 * of the back/forward cache and don't fire reliably on mobile.
 *
 * @example
 * const stop = onPageLifecycle({ _hide: () => delivery._sendNow(queued), online: flush, storage: () => undefined });
 * stop(); // removes the four listeners
 */
export function onPageLifecycle(handlers: LifecycleHandlers): () => void {
  const controller = new AbortController();
  const options = { signal: controller.signal };
  document.addEventListener(
    'visibilitychange',
    () => document.visibilityState === 'hidden' && handlers._hide(),
    options,
  );
  addEventListener('pagehide', handlers._hide, options);
  addEventListener('online', handlers.online, options);
  addEventListener('storage', (e) => handlers.storage(e.key), options);
  return () => controller.abort();
}
