import { useEffect, useState } from 'preact/hooks';
import type { Api, ConfigUpdate, ConfigVersionDetail, ConfigVersionList, ConfigVersionSummary, Me } from '../api.js';
import { number } from '../format.js';
import { useResource } from '../use-resource.js';
import { ConfigChanges } from './config-changes.js';
import { ConflictNotice, conflictVersion } from './conflict-notice.js';
import { Loaded } from './status.js';

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

function title(v: ConfigVersionSummary): string {
  if (v.rollbackOf !== null) return `Restored version ${v.rollbackOf}`;
  if (v.version === 1) return 'First version';
  return v.changes === 1 ? '1 change' : `${v.changes} changes`;
}

function Restore({
  api,
  version,
  current,
  onDone,
}: {
  api: Api;
  version: number;
  current: number;
  onDone: (message: string) => void;
}) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'working'>('idle');
  const [error, setError] = useState<unknown>(null);
  const newer = conflictVersion(error);
  if (newer !== null) return <ConflictNotice version={newer} onReload={() => onDone('')} />;
  if (step === 'idle') {
    return (
      <button type="button" onClick={() => setStep('confirm')}>
        Restore version {version}
      </button>
    );
  }
  const restore = async () => {
    setStep('working');
    try {
      const r = await api.send<ConfigUpdate>('POST', '/v1/admin/config/rollback', { version }, `"${current}"`);
      onDone(
        `Version ${version} is live again as version ${r.version}; ${number(r.rescored.users)} users were rescored.`,
      );
    } catch (e) {
      setError(e);
      setStep('confirm');
    }
  };
  return (
    <div class="notice confirm" role="group" aria-label="Confirm restore">
      <p>
        Restore the settings of version {version}? They replace the current settings (version {current}) as a new
        version, and every user's score is recalculated. The current settings stay in the history.
      </p>
      {error !== null ? (
        <p class="error" role="alert">
          Could not restore: {(error as Error).message}
        </p>
      ) : null}
      <button type="button" disabled={step === 'working'} onClick={restore}>
        {step === 'working' ? 'Restoring…' : `Yes, restore version ${version}`}
      </button>{' '}
      <button type="button" class="link" onClick={() => setStep('idle')}>
        Cancel
      </button>
    </div>
  );
}

function Detail({
  api,
  version,
  current,
  canWrite,
  onDone,
}: {
  api: Api;
  version: number;
  current: number;
  canWrite: boolean;
  onDone: (m: string) => void;
}) {
  const detail = useResource<ConfigVersionDetail>(api, `/v1/admin/config/versions/${version}`);
  return (
    <section class="card" data-testid="version-detail" aria-labelledby="version-detail-title">
      <Loaded resource={detail}>
        {(d) => (
          <>
            <h2 id="version-detail-title">
              Version {d.version} {d.version === current ? <span class="pill">live now</span> : null}
            </h2>
            <p class="muted">
              Saved by {d.actor} on {when(d.at)}
              {d.rollbackOf !== null ? `, restoring version ${d.rollbackOf}` : ''}.
              {d.version === 1
                ? ' The first version kept: there is nothing before it to compare with.'
                : ' What changed from the version before:'}
            </p>
            {d.version === 1 ? null : <ConfigChanges changes={d.diff} />}
            {canWrite && d.version !== current ? (
              <Restore api={api} version={d.version} current={current} onDone={onDone} />
            ) : null}
          </>
        )}
      </Loaded>
    </section>
  );
}

/**
 * The History page: every saved version of the settings (models, nudges,
 * segments), newest first, who saved it and what changed; editors and owners
 * can restore an old version (after a confirmation).
 *
 * @example
 * <HistoryView api={api} me={me} />
 */
export function HistoryView({ api, me }: { api: Api; me: Me }) {
  const [reload, setReload] = useState(0);
  const [pages, setPages] = useState<ConfigVersionSummary[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const first = useResource<ConfigVersionList>(api, `/v1/admin/config/versions?limit=20&r=${reload}`);
  useEffect(() => {
    if (first.status !== 'ok') return;
    setPages(first.data.versions);
    setNext(first.data.next);
    setSelected((s) => s ?? first.data.versions[0]?.version ?? null);
  }, [first]);
  const current = pages[0]?.version ?? 0;
  const canWrite = me.permissions.includes('config:write');
  const done = (text: string) => {
    setMessage(text);
    setSelected(null);
    setReload((n) => n + 1);
  };
  const older = async () => {
    if (next === null) return;
    const page = await api.get<ConfigVersionList>(`/v1/admin/config/versions?limit=20&before=${next}`);
    setPages((p) => [...p, ...page.versions]);
    setNext(page.next);
  };
  return (
    <>
      <h1 class="page-title">History</h1>
      <p class="muted">
        Every change to scoring models and nudges is kept as a version.{' '}
        {canWrite ? 'Pick one to see what changed, or to restore it.' : 'Pick one to see what changed.'}
      </p>
      {message !== '' ? (
        <p class="notice success" role="status">
          {message}
        </p>
      ) : null}
      <div class="history">
        <section class="card" aria-labelledby="versions-title">
          <h2 id="versions-title">Versions</h2>
          <Loaded resource={first}>
            {() => (
              <>
                <ol class="versions" data-testid="versions">
                  {pages.map((v) => (
                    <li key={v.version} data-version={v.version}>
                      <button
                        type="button"
                        class="version"
                        aria-current={selected === v.version ? 'true' : undefined}
                        onClick={() => setSelected(v.version)}
                      >
                        <strong>Version {v.version}</strong> · {title(v)}
                        <br />
                        <span class="muted">
                          {v.actor} · {when(v.at)}
                        </span>
                      </button>
                    </li>
                  ))}
                </ol>
                {next !== null ? (
                  <button type="button" class="link" onClick={older}>
                    Show older versions
                  </button>
                ) : null}
              </>
            )}
          </Loaded>
        </section>
        {selected !== null ? (
          <Detail
            key={`${selected}:${reload}`}
            api={api}
            version={selected}
            current={current}
            canWrite={canWrite}
            onDone={done}
          />
        ) : null}
      </div>
    </>
  );
}
