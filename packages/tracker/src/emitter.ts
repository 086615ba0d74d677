/**
 * A tiny typed event emitter. A listener that throws is skipped: host code never
 * breaks the tracker, and the tracker never breaks the host.
 *
 * @example
 * const emitter = createEmitter<{ state: [TrackerState] }>();
 * const off = emitter.on('state', (s) => render(s));
 */
export function createEmitter<Events extends Record<string, unknown[]>>() {
  const listeners: { [K in keyof Events]?: Set<(...args: Events[K]) => void> } = {};
  return {
    on<K extends keyof Events>(type: K, listener: (...args: Events[K]) => void): () => void {
      const set = (listeners[type] ??= new Set());
      set.add(listener);
      return () => void set.delete(listener);
    },
    has(type: keyof Events): boolean {
      return !!listeners[type]?.size;
    },
    /** Forgets every listener (a destroyed tracker keeps none alive). */
    _clear(): void {
      for (const type in listeners) delete listeners[type];
    },
    _emit<K extends keyof Events>(type: K, ...args: Events[K]): void {
      for (const listener of listeners[type] ?? []) {
        try {
          listener(...args);
        } catch {
          // a host callback must not stop delivery
        }
      }
    },
  };
}
