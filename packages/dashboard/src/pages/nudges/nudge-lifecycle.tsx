import type { ExperimentStatus, Nudge } from '@pulse/core';
import { useState } from 'preact/hooks';
import type { Api } from '../../api.js';
import { ConflictNotice, conflictVersion } from '../../views/conflict-notice.js';

/** The statuses in words. */
export const STATUS_LABELS: Record<ExperimentStatus, string> = {
  draft: 'Draft',
  running: 'Running',
  paused: 'Paused',
  concluded: 'Concluded',
  stopped: 'Stopped',
};

const EXPLAIN: Record<ExperimentStatus, string> = {
  draft: 'Nobody sees it yet. Launch it to start the experiment.',
  running: 'Users in the audience are split between the variants; results are counting.',
  paused: 'Nobody sees it while paused. Resume to continue the same experiment.',
  concluded: 'Everyone in the audience now gets the winning variant.',
  stopped: 'The experiment ended without a winner; nobody sees it.',
};

/**
 * Launch, pause, resume, conclude with a winner, or stop: each a config version sent with If-Match.
 *
 * @example
 * <Lifecycle api={api} nudge={stored} etag='"7"' canWrite dirty={false} onDone={reload} />
 */
export function Lifecycle(props: {
  api: Api;
  nudge: Nudge;
  etag: string;
  canWrite: boolean;
  dirty: boolean;
  onDone: (message: string) => void;
}) {
  const { api, nudge, etag, canWrite, dirty, onDone } = props;
  const status = nudge.status ?? 'running';
  const [winner, setWinner] = useState(nudge.variants.find((v) => v.content !== null)?.id ?? nudge.variants[0]!.id);
  const [error, setError] = useState<unknown>(null);
  const move = async (to: ExperimentStatus, text: string) => {
    setError(null);
    try {
      await api.send(
        'POST',
        `/v1/admin/nudges/${encodeURIComponent(nudge.id)}/status`,
        {
          status: to,
          ...(to === 'concluded' ? { winner } : {}),
        },
        etag,
      );
      onDone(text);
    } catch (e) {
      setError(e);
    }
  };
  const newer = conflictVersion(error);
  const live = status === 'running' || status === 'paused';
  return (
    <section class="card lifecycle" aria-label="Experiment">
      <h2>Experiment</h2>
      <p>
        <strong>{STATUS_LABELS[status]}.</strong> {EXPLAIN[status]}
        {status === 'concluded' ? ` Winner: ${nudge.winner}.` : ''}
      </p>
      {status !== 'draft' ? (
        <p>
          <a href="#/experiments">Read the results</a>
        </p>
      ) : null}
      {canWrite && dirty && (status === 'draft' || live) ? (
        <p class="muted">Save your changes first; these buttons act on the saved nudge.</p>
      ) : null}
      {canWrite && !dirty ? (
        <div class="row">
          {status === 'draft' ? (
            <button type="button" onClick={() => move('running', 'Launched: users in the audience now see it.')}>
              Launch
            </button>
          ) : null}
          {status === 'running' ? (
            <button type="button" onClick={() => move('paused', 'Paused: nobody sees it until you resume.')}>
              Pause
            </button>
          ) : null}
          {status === 'paused' ? (
            <button type="button" onClick={() => move('running', 'Resumed.')}>
              Resume
            </button>
          ) : null}
          {live ? (
            <>
              <label>
                Winner
                <select value={winner} onChange={(e) => setWinner(e.currentTarget.value)}>
                  {nudge.variants.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.id}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" onClick={() => move('concluded', `Concluded: everyone now gets “${winner}”.`)}>
                Conclude with this winner
              </button>
              <button type="button" class="danger" onClick={() => move('stopped', 'Stopped: nobody sees it any more.')}>
                Stop without a winner
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {newer !== null ? <ConflictNotice version={newer} onReload={() => onDone('')} /> : null}
      {error !== null && newer === null ? (
        <p class="error" role="alert">
          {error instanceof Error ? error.message : String(error)}
        </p>
      ) : null}
    </section>
  );
}
