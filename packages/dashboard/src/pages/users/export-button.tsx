import { useState } from 'preact/hooks';
import type { Api } from '../../api.js';

/**
 * Downloads the whole filtered set as CSV from the API's streamed export (not the
 * page on screen). The key travels in a header, which a plain link cannot carry,
 * so the file is fetched and handed to the browser as a download.
 *
 * @example
 * <ExportButton api={api} path="/v1/admin/users/export?band=low" fileName="users.csv" count={120} />
 */
export function ExportButton({
  api,
  path,
  fileName,
  count,
}: {
  api: Api;
  path: string;
  fileName: string;
  count: number;
}) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  return (
    <span class="export">
      <button
        type="button"
        class="secondary"
        disabled={state.busy || count === 0}
        onClick={() => {
          setState({ busy: true, error: null });
          api.file(path).then(
            (blob) => {
              const url = URL.createObjectURL(blob);
              const a = document.createElement('a');
              a.href = url;
              a.download = fileName;
              document.body.append(a);
              a.click();
              a.remove();
              setTimeout(() => URL.revokeObjectURL(url), 10_000);
              setState({ busy: false, error: null });
            },
            (err: Error) => setState({ busy: false, error: err.message }),
          );
        }}
      >
        {state.busy ? 'Preparing…' : `Export all ${count.toLocaleString('en-US')} as CSV`}
      </button>
      {state.error ? (
        <span role="alert" class="error">
          {' '}
          Export failed: {state.error}
        </span>
      ) : null}
    </span>
  );
}
