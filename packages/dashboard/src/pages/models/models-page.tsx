import { validateConfig, type PulseConfig, type ScoringModel } from '@pulse/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  ApiError,
  type Api,
  type ConfigPreview,
  type ConfigUpdate,
  type EventNames,
  type Me,
  type RescoreProgress,
} from '../../api.js';
import { number } from '../../format.js';
import { ConflictNotice, conflictVersion } from '../../views/conflict-notice.js';
import { issuesByPath, modelsAt, rebase, scoreList, withModels } from './draft.js';
import { ModelForm } from './model-form.js';
import { WhatIf } from './what-if.js';

interface Base {
  config: PulseConfig;
  etag: string;
  version: number;
}

type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ok'; data: ConfigPreview; draft: string }
  | { status: 'error'; message: string; draft: string };

type ApplyState =
  | { status: 'idle' }
  | { status: 'working'; progress: RescoreProgress | null }
  | { status: 'done'; message: string }
  | { status: 'error'; error: unknown };

const versionOf = (etag: string) => Number(etag.replace(/"/g, ''));

/**
 * The Models page: every setting of a score's models as a form (inline errors
 * from the validator the collector runs), then a what-if of the change on the
 * stored events before it can be applied. Apply stores a new version with
 * If-Match (a newer version shows the conflict and keeps the draft on top of
 * it) and shows the rescoring as it goes; Discard drops the draft. Keys without
 * `config:write` see the models read-only.
 *
 * @example
 * <ModelsPage api={api} me={me} />
 */
export function ModelsPage({ api, me }: { api: Api; me: Me }) {
  const canWrite = me.permissions.includes('config:write');
  const [base, setBase] = useState<Base | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<PulseConfig | null>(null);
  const [scoreId, setScoreId] = useState<string | null>(null);
  const [modelIndex, setModelIndex] = useState(0);
  const [names, setNames] = useState<EventNames | null>(null);
  const [outcome, setOutcome] = useState('');
  const [preview, setPreview] = useState<PreviewState>({ status: 'idle' });
  const [apply, setApply] = useState<ApplyState>({ status: 'idle' });
  const [notice, setNotice] = useState<string | null>(null);

  const load = async (): Promise<Base | null> => {
    try {
      const { data, etag } = await api.getTagged<PulseConfig>('/v1/admin/config');
      const tag = etag ?? '"0"';
      const next = { config: data, etag: tag, version: versionOf(tag) };
      setBase(next);
      setLoadError(null);
      return next;
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
      return null;
    }
  };
  useEffect(() => {
    void load().then((b) => b !== null && setDraft(structuredClone(b.config)));
    api.get<EventNames>('/v1/admin/events/names?days=30').then(setNames, () => setNames(null));
  }, [api]);

  const issues = useMemo(() => (draft === null ? [] : validateConfig(draft)), [draft]);
  const errors = useMemo(() => issuesByPath(issues), [issues]);

  if (loadError !== null)
    return (
      <p class="error" role="alert">
        Could not load the models: {loadError}
      </p>
    );
  if (base === null || draft === null)
    return (
      <p class="muted" aria-busy="true">
        Loading…
      </p>
    );

  const scores = scoreList(draft);
  const score = scores.find((s) => s.id === scoreId) ?? (scores[0] as (typeof scores)[number]);
  const models = modelsAt(draft, score.path);
  const index = Math.min(modelIndex, models.length - 1);
  const model = models[index] as ScoringModel;
  const modelPath = `${score.path}[${index}]`;
  const draftText = JSON.stringify(draft);
  const dirty = draftText !== JSON.stringify(base.config);
  const fresh = preview.status === 'ok' && preview.draft === draftText;
  // A mover's band in the words of the model they are on (the draft's wording, else the live one's).
  const bandWords = new Map(
    [...modelsAt(base.config, score.path), ...models].flatMap((m) =>
      m.bands.map((b) => [`${m.id}\u0000${b.id}`, b.label ?? b.id] as const),
    ),
  );
  const bandLabel = (modelId: string, band: string) => bandWords.get(`${modelId}\u0000${band}`) ?? band;

  const setModel = (m: ScoringModel) => {
    setDraft(
      withModels(
        draft,
        score.path,
        models.map((x, i) => (i === index ? m : x)),
      ),
    );
    setNotice(null);
    if (apply.status === 'done' || apply.status === 'error') setApply({ status: 'idle' });
  };

  const runPreview = async () => {
    setPreview({ status: 'loading' });
    try {
      const body = { config: draft, score: score.id, ...(outcome === '' ? {} : { outcome }) };
      const data = await api.send<ConfigPreview>('POST', '/v1/admin/config/preview', body);
      setPreview({ status: 'ok', data, draft: draftText });
    } catch (e) {
      setPreview({ status: 'error', message: e instanceof Error ? e.message : String(e), draft: draftText });
    }
  };

  const runApply = async () => {
    setApply({ status: 'working', progress: null });
    let live = true;
    const poll = async () => {
      while (live) {
        await new Promise((r) => setTimeout(r, 250));
        if (!live) return;
        const progress = await api.get<RescoreProgress>('/v1/admin/config/rescore').catch(() => null);
        if (live && progress?.running) setApply({ status: 'working', progress });
      }
    };
    void poll();
    try {
      const r = await api.send<ConfigUpdate>('PUT', '/v1/admin/config', draft, base.etag);
      live = false;
      const next = await load();
      if (next !== null) setDraft(structuredClone(next.config));
      setPreview({ status: 'idle' });
      setApply({
        status: 'done',
        message: `Applied as version ${r.version}. ${number(r.rescored.users)} users were rescored; ${number(r.rescored.bandChanges)} changed band.`,
      });
    } catch (e) {
      live = false;
      setApply({ status: 'error', error: e });
    }
  };

  const reloadOnTop = async () => {
    const newer = await load();
    if (newer === null) return;
    // The person's changes (from the version they started on) over the newer version.
    setDraft(rebase(base.config, draft, newer.config));
    setApply({ status: 'idle' });
    setPreview({ status: 'idle' });
    setNotice(
      `Your changes are now on top of version ${newer.version}, with theirs kept. Check the what-if again before applying.`,
    );
  };

  const discard = () => {
    setDraft(structuredClone(base.config));
    setPreview({ status: 'idle' });
    setApply({ status: 'idle' });
    setNotice('Your changes were discarded; nothing was saved.');
  };

  const conflict = apply.status === 'error' ? conflictVersion(apply.error) : null;
  const outcomes = (names?.events ?? []).filter((e) => e.name !== '$page');

  return (
    <>
      <h1 class="page-title">Models</h1>
      <p class="muted">
        How each score is worked out.{' '}
        {canWrite
          ? 'Change a setting, see what it would do to your users, then apply it.'
          : 'Your key can read the models but not change them.'}{' '}
        Version {base.version} is live.
      </p>
      <div class="model-picker">
        {scores.length > 1 ? (
          <div class="field">
            <label for="score-picker">Score</label>
            <select
              id="score-picker"
              value={score.id}
              onChange={(e) => {
                setScoreId(e.currentTarget.value);
                setModelIndex(0);
                setPreview({ status: 'idle' });
              }}
            >
              {scores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div class="field">
          <label for="model-picker">Model</label>
          <select
            id="model-picker"
            value={String(index)}
            onChange={(e) => setModelIndex(Number(e.currentTarget.value))}
          >
            {models.map((m, i) => (
              <option key={m.id} value={String(i)}>
                {m.id}
                {m.appliesTo || m.lifecycle ? '' : ' (everyone else)'}
              </option>
            ))}
          </select>
        </div>
      </div>
      {notice !== null ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <fieldset class="model-fields" disabled={!canWrite}>
        <legend class="visually-hidden">Settings of model {model.id}</legend>
        <ModelForm
          key={`${score.id}:${index}`}
          model={model}
          path={modelPath}
          errors={errors}
          readOnly={!canWrite}
          names={names}
          onChange={setModel}
        />
      </fieldset>
      {canWrite ? (
        <section class="card wide what-if-card" aria-labelledby="what-if-title">
          <h2 id="what-if-title">What would this change do?</h2>
          {issues.length > 0 ? (
            <div class="error" role="alert" data-testid="draft-errors">
              <p>Fix {issues.length === 1 ? 'this' : `these ${issues.length}`} before applying:</p>
              <ul>
                {issues.slice(0, 8).map((i) => (
                  <li key={i.path}>
                    <code>{i.path}</code> {i.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : !dirty ? (
            <p class="muted">
              Change a setting above to see what it would do to every user’s score before applying it.
            </p>
          ) : (
            <>
              <div class="what-if-controls">
                <div class="field">
                  <label for="outcome">Compare how well it predicts (optional)</label>
                  <select id="outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
                    <option value="">Nothing, just show the scores</option>
                    <option value="retention:30-60">Still active 30–60 days after first seen</option>
                    <option value="retention:60-90">Still active 60–90 days after first seen</option>
                    {outcomes.map((e) => (
                      <option key={e.name} value={`event:${e.name}`}>
                        {`${e.name} within 30 days`}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="button" onClick={runPreview} disabled={preview.status === 'loading'}>
                  {preview.status === 'loading'
                    ? 'Working it out on every user…'
                    : fresh
                      ? 'Work it out again'
                      : 'Show what-if'}
                </button>
              </div>
              {preview.status === 'error' ? (
                <p class="error" role="alert">
                  Could not work out the what-if: {preview.message}
                </p>
              ) : null}
              {preview.status === 'ok' && !fresh ? (
                <p class="notice" role="status">
                  The draft changed since this what-if. Show it again before applying.
                </p>
              ) : null}
              {preview.status === 'ok' ? <WhatIf preview={preview.data} bandLabel={bandLabel} /> : null}
            </>
          )}
          {conflict !== null ? <ConflictNotice version={conflict} onReload={reloadOnTop} /> : null}
          {apply.status === 'error' && conflict === null ? (
            <p class="error" role="alert">
              Could not apply: {(apply.error as Error).message}
              {apply.error instanceof ApiError && apply.error.status === 403 ? ' (your key may not change models)' : ''}
            </p>
          ) : null}
          {apply.status === 'working' ? (
            <div class="rescore-progress" role="status" aria-live="polite">
              <label for="rescore-bar">
                Saving and recalculating every user’s score
                {apply.progress !== null && apply.progress.total > 0
                  ? `: ${number(apply.progress.done)} of ${number(apply.progress.total)} users`
                  : '…'}
              </label>
              <progress
                id="rescore-bar"
                max={apply.progress?.total || 1}
                value={apply.progress === null ? undefined : apply.progress.done}
              />
            </div>
          ) : null}
          {apply.status === 'done' ? (
            <p class="notice success" role="status" data-testid="applied">
              {apply.message} <a href="#/history">See it in History</a>.
            </p>
          ) : null}
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={!dirty || !fresh || issues.length > 0 || apply.status === 'working'}
              onClick={runApply}
            >
              Apply
            </button>
            <button type="button" class="link" disabled={!dirty || apply.status === 'working'} onClick={discard}>
              Discard changes
            </button>
            {dirty && !fresh && issues.length === 0 ? (
              <span class="muted">Apply is available once you have seen the what-if of this draft.</span>
            ) : null}
          </div>
        </section>
      ) : null}
    </>
  );
}
