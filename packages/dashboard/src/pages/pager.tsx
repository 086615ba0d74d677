/**
 * Previous / next over a cursor-paged list: `cursors` holds the cursor of every
 * page after the first that was opened, so "Previous" is a pop. Nothing when the
 * whole list fits on one page.
 *
 * @example
 * <Pager cursors={cursors} setCursors={setCursors} nextCursor={page.nextCursor} total={page.total} pageSize={50} />
 */
export function Pager({
  cursors,
  setCursors,
  nextCursor,
  total,
  pageSize,
}: {
  cursors: string[];
  setCursors: (update: (c: string[]) => string[]) => void;
  nextCursor: string | null;
  total: number;
  pageSize: number;
}) {
  if (nextCursor === null && cursors.length === 0) return null;
  return (
    <nav class="pager" aria-label="Pages">
      <button
        type="button"
        class="secondary"
        disabled={cursors.length === 0}
        onClick={() => setCursors((c) => c.slice(0, -1))}
      >
        Previous
      </button>
      <span class="muted">
        Page {cursors.length + 1} of {Math.max(1, Math.ceil(total / pageSize))}
      </span>
      <button
        type="button"
        class="secondary"
        disabled={nextCursor === null}
        onClick={() => nextCursor !== null && setCursors((c) => [...c, nextCursor])}
      >
        Next
      </button>
    </nav>
  );
}
