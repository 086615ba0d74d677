import { ApiError } from '../api.js';

/**
 * The version a 412 answer says is current, or null for any other error.
 *
 * @example
 * const newer = conflictVersion(error); // → 7 after a stale If-Match
 */
export function conflictVersion(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 412) return null;
  const v = error.body.currentVersion;
  return typeof v === 'number' ? v : null;
}

/**
 * Shown when a change was refused because someone saved a newer version first:
 * nothing was written, and the person reloads to make the change on top of it.
 *
 * @example
 * <ConflictNotice version={7} onReload={reload} />
 */
export function ConflictNotice({ version, onReload }: { version: number; onReload: () => void }) {
  return (
    <div class="notice conflict" role="alert">
      <p>
        <strong>Someone saved a newer version (version {version}) while you were working.</strong> Nothing was changed.
        Reload to see their change, then make yours on top of it.
      </p>
      <button type="button" onClick={onReload}>
        Reload on top of the newer version
      </button>
    </div>
  );
}
