import type { IngestionStatus } from '@pulse/collector/contract';
import type { Api } from '../api.js';
import { useResource } from '../use-resource.js';

/**
 * A notice above every page while scoring is behind ingestion (the collector runs
 * with the event log and its workers have not applied every accepted batch yet);
 * nothing at all otherwise, or when the status cannot be read.
 *
 * @example
 * <IngestionBanner api={api} />
 */
export function IngestionBanner({ api }: { api: Api }) {
  const status = useResource<IngestionStatus>(api, '/v1/admin/ingestion');
  if (status.status !== 'ok' || status.data.behind === 0) return null;
  const n = status.data.behind;
  return (
    <p class="card notice lag" role="status">
      <strong>Scores are catching up.</strong> {n.toLocaleString('en-US')} recent {n === 1 ? 'batch' : 'batches'} of
      events {n === 1 ? 'is' : 'are'} accepted but not counted yet, so the numbers below may be a little behind.
    </p>
  );
}
