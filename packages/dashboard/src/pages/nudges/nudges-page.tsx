import type { Nudge, PulseConfig } from '@pulse/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, type Api, type Me } from '../../api.js';
import { ConflictNotice, conflictVersion } from '../../views/conflict-notice.js';
import { arms, cleanNudge, draftIssues, newDraft } from './draft-nudge.js';
import { AudienceEstimate, PreviewLink } from './nudge-actions.js';
import { NudgeForm } from './nudge-form.js';
import { NudgePreview } from './nudge-preview.js';
import { Lifecycle, STATUS_LABELS } from './nudge-lifecycle.js';

interface Loaded {
  document: PulseConfig;
  etag: string;
}

const statusOf = (n: Nudge) => n.status ?? 'running';

/** A message that outlives the move from `#/nudges/new` to the saved nudge's address. */
let flash: string | null = null;

function NudgeList({ nudges, canWrite }: { nudges: Nudge[]; canWrite: boolean }) {
  return (
    <section class="card">
      <h2>Nudges</h2>
      {nudges.length === 0 ? <p class="muted">No nudges yet.</p> : null}
      <ul class="nudge-list">
        {nudges.map((n) => (
          <li key={n.id}>
            <a href={`#/nudges/${encodeURIComponent(n.id)}`}>{n.id}</a>{' '}
            <span class={`status ${statusOf(n)}`}>{STATUS_LABELS[statusOf(n)]}</span>{' '}
            <span class="muted">
              {n.variants.length} variants · goal: {n.goal.event}
            </span>
          </li>
        ))}
      </ul>
      {canWrite ? (
        <a class="button" href="#/nudges/new">
          New nudge
        </a>
      ) : null}
    </section>
  );
}

/**
 * The Nudges page: every nudge with its status, and the editor for one: its
 * fields with inline errors from core's validator, a live preview of each
 * variant, the audience it reaches now, a preview link into the product, and
 * the experiment's lifecycle. Every write is a config version sent with
 * If-Match; a stale one shows the conflict and keeps the draft.
 *
 * @example
 * <NudgesPage api={api} me={me} id="invite-nudge" />
 */
export function NudgesPage({ api, me, id }: { api: Api; me: Me; id: string | null }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Nudge | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const canWrite = me.permissions.includes('config:write');

  const load = async (keepDraft: boolean) => {
    try {
      const { data, etag } = await api.getTagged<PulseConfig>('/v1/admin/config');
      setLoaded({ document: data, etag: etag ?? '' });
      setLoadError(null);
      if (!keepDraft) {
        const found = (data.nudges ?? []).find((n) => n.id === id);
        setDraft(id === 'new' ? newDraft('') : found ? structuredClone(found) : null);
      }
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  };
  useEffect(() => {
    setMessage(flash);
    flash = null;
    setSaveError(null);
    void load(false);
  }, [id]);

  const stored = useMemo(
    () => (loaded?.document.nudges ?? []).find((n) => n.id === draft?.id && id !== 'new') ?? null,
    [loaded, draft?.id, id],
  );
  const issues = useMemo(
    () => (loaded && draft ? draftIssues(loaded.document, draft) : new Map<string, string>()),
    [loaded, draft],
  );
  const clean = useMemo(() => (draft ? cleanNudge(draft) : null), [draft]);

  if (loadError)
    return (
      <p class="error" role="alert">
        Could not load the nudges: {loadError}
      </p>
    );
  if (loaded === null)
    return (
      <p class="muted" aria-busy="true">
        Loading…
      </p>
    );
  const nudges = loaded.document.nudges ?? [];
  if (id === null || draft === null || clean === null) {
    return (
      <>
        <h1>Nudges</h1>
        {id !== null && draft === null ? <p class="error">There is no nudge named “{id}”.</p> : null}
        <NudgeList nudges={nudges} canWrite={canWrite} />
      </>
    );
  }

  const started = stored !== null && statusOf(stored) !== 'draft';
  const reshuffles = started && arms(stored) !== arms(clean);
  const unchanged = stored !== null && JSON.stringify(cleanNudge(stored)) === JSON.stringify(clean);
  const save = async () => {
    setSaving(true);
    setSaveError(null);
    setMessage(null);
    try {
      const path = `/v1/admin/nudges/${encodeURIComponent(clean.id)}${reshuffles ? '?restart=true' : ''}`;
      const r = await api.send<{ version: number; nudge: Nudge }>('PUT', path, clean, loaded.etag);
      const text = reshuffles
        ? `Saved as version ${r.version}. Users were reassigned and the results start again from now.`
        : `Saved as version ${r.version}.`;
      setMessage(text);
      if (id === 'new') {
        flash = text;
        location.hash = `#/nudges/${encodeURIComponent(clean.id)}`;
      }
      setDraft(structuredClone(r.nudge));
      await load(true);
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };
  const newer = conflictVersion(saveError);
  return (
    <>
      <p>
        <a href="#/nudges">← All nudges</a>
      </p>
      <h1>
        {id === 'new' ? 'New nudge' : `Nudge “${draft.id}”`}{' '}
        {stored ? <span class={`status ${statusOf(stored)}`}>{STATUS_LABELS[statusOf(stored)]}</span> : null}
      </h1>
      {!canWrite ? <p class="notice">Your key can read nudges but not change them (role: {me.role}).</p> : null}
      <div class="nudge-editor">
        <form
          class="card"
          aria-label="Nudge"
          onSubmit={(e) => {
            e.preventDefault();
            if (canWrite && issues.size === 0) void save();
          }}
        >
          <fieldset disabled={!canWrite} class="plain">
            <NudgeForm
              document={loaded.document}
              nudge={draft}
              isNew={id === 'new'}
              issues={issues}
              onChange={setDraft}
            />
          </fieldset>
          {stored?.restartedAt ? (
            <p class="muted">
              Results count from {new Date(stored.restartedAt).toUTCString()}, when the variants last changed.
            </p>
          ) : null}
          {canWrite && reshuffles ? (
            <div class="notice warning" role="alert">
              <strong>This experiment is live.</strong> Changing its variants or their shares reshuffles which users see
              which variant, and its results start again from the moment you save.
            </div>
          ) : null}
          {newer !== null ? (
            <ConflictNotice version={newer} onReload={() => (setSaveError(null), void load(true))} />
          ) : null}
          {saveError !== null && newer === null ? (
            <p class="error" role="alert">
              Not saved:{' '}
              {saveError instanceof ApiError || saveError instanceof Error ? saveError.message : String(saveError)}
            </p>
          ) : null}
          {message ? <p role="status">{message}</p> : null}
          {canWrite ? (
            <button type="submit" disabled={saving || issues.size > 0 || unchanged}>
              {saving
                ? 'Saving…'
                : reshuffles
                  ? 'Save and restart the results'
                  : id === 'new'
                    ? 'Save draft'
                    : 'Save changes'}
            </button>
          ) : null}
        </form>
        <div class="nudge-side">
          <NudgePreview nudge={clean} />
          <AudienceEstimate api={api} nudge={clean} valid={issues.size === 0} />
          {canWrite ? <PreviewLink api={api} nudge={clean} /> : null}
          {stored ? (
            <Lifecycle
              api={api}
              nudge={stored}
              etag={loaded.etag}
              canWrite={canWrite}
              dirty={!unchanged}
              onDone={(text) => {
                setMessage(text);
                void load(false);
              }}
            />
          ) : null}
        </div>
      </div>
    </>
  );
}
