import type { Nudge } from '@pulse/core';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../../api.js';
import { number } from '../../format.js';

const REASONS: Record<string, string> = {
  'not-in-segment': 'not in the segment',
  band: 'in another band',
  'milestone-complete': 'already did the step',
  'unknown-milestone': 'the step is not in their model',
  'too-new': 'too new',
  'event-missing': 'never sent the event',
};

interface Estimate {
  eligible: number;
  users: number;
  excluded: Record<string, number>;
}

/**
 * How many users the draft's audience takes in now, asked again (after a pause
 * in typing) whenever the audience changes.
 *
 * @example
 * <AudienceEstimate api={api} nudge={draft} valid={issues.size === 0} />
 */
export function AudienceEstimate({ api, nudge, valid }: { api: Api; nudge: Nudge; valid: boolean }) {
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(nudge.trigger);
  useEffect(() => {
    if (!valid) return;
    let live = true;
    const timer = setTimeout(() => {
      api.send<Estimate>('POST', '/v1/admin/nudges/estimate', { nudge }).then(
        (e) => live && (setEstimate(e), setError(null)),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The audience alone decides the estimate: the deps are its fields, not the whole draft.
  }, [key, valid]);
  const left = Object.entries(estimate?.excluded ?? {}).filter(([, n]) => n > 0);
  return (
    <section class="card estimate" aria-live="polite" aria-label="Audience">
      <h2>Audience now</h2>
      {error ? <p class="error">Could not estimate: {error}</p> : null}
      {!valid ? <p class="muted">Fix the fields marked in red to see how many users it reaches.</p> : null}
      {valid && estimate ? (
        <>
          <p class="big" data-testid="estimate">
            {number(estimate.eligible)} of {number(estimate.users)} users
          </p>
          <p class="muted">would be in this nudge's audience today.</p>
          {left.length ? (
            <ul class="muted">
              {left.map(([reason, n]) => (
                <li key={reason}>
                  {number(n)} {REASONS[reason] ?? reason}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {valid && !estimate && !error ? (
        <p class="muted" aria-busy="true">
          Counting…
        </p>
      ) : null}
    </section>
  );
}

/**
 * A signed link that opens the product with this draft shown to the browser
 * that opens it, for an hour; nobody else sees it and nothing is recorded.
 *
 * @example
 * <PreviewLink api={api} nudge={draft} />
 */
export function PreviewLink({ api, nudge }: { api: Api; nudge: Nudge }) {
  const shown = nudge.variants.filter((v) => v.content !== null);
  const [variant, setVariant] = useState(shown[0]?.id ?? '');
  const [page, setPage] = useState(() => `${location.origin}/`);
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (shown.length === 0) return null;
  const make = async () => {
    setError(null);
    try {
      const r = await api.send<{ query: string; expiresAt: string }>('POST', '/v1/admin/nudges/preview-link', {
        nudge,
        variant: shown.some((v) => v.id === variant) ? variant : shown[0]!.id,
        minutes: 60,
      });
      const url = new URL(page, location.href);
      url.searchParams.set('pulse_preview', r.query.slice('pulse_preview='.length));
      setLink(url.toString());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section class="card preview-link" aria-label="Preview in your product">
      <h2>Preview in your product</h2>
      <p class="muted">
        A link that shows this draft on your own page to whoever opens it, for one hour. Nobody else sees it and no
        results are recorded.
      </p>
      <div class="row">
        <label>
          Variant
          <select value={variant} onChange={(e) => setVariant(e.currentTarget.value)}>
            {shown.map((v) => (
              <option key={v.id} value={v.id}>
                {v.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Page
          <input value={page} onInput={(e) => setPage(e.currentTarget.value)} />
        </label>
        <button type="button" onClick={make}>
          Make preview link
        </button>
      </div>
      {error ? <p class="error">{error}</p> : null}
      {link ? (
        <p>
          <a href={link} target="_blank" rel="noopener" data-testid="preview-link">
            Open the preview
          </a>{' '}
          <span class="muted">(works for one hour)</span>
        </p>
      ) : null}
    </section>
  );
}
