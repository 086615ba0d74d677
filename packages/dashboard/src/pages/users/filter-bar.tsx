import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { filterTraits, withTraits, withValue, type UserFilter } from './user-filter.js';

/** The choices the filter bar offers, from the overview, the funnel and the loaded rows. */
export interface FilterChoices {
  bands: string[];
  milestones: { id: string; title: string }[];
  models: string[];
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The `YYYY-MM-DD` a date input shows for a filter date, relative ones (`-7d`) resolved to today's.
 *
 * @example
 * inputDate('-1d', Date.parse('2026-12-02T10:00:00Z')); // '2026-12-01'
 */
export function inputDate(value: string | undefined, now = Date.now()): string {
  if (value === undefined) return '';
  const relative = /^-(\d+)d$/.exec(value);
  if (relative) return new Date(now - Number(relative[1]) * 86_400_000).toISOString().slice(0, 10);
  return value.slice(0, 10);
}

function Field({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

/**
 * The Users page's filter bar, in the growth team's words: band, score range,
 * lifecycle stage, a property, an onboarding step done or not, last activity,
 * account and band moves. Edits stay a draft until "Show users".
 *
 * @example
 * <FilterBar filter={{ band: 'low' }} choices={choices} onApply={(f) => go(f)} />
 */
export function FilterBar({
  filter,
  choices,
  onApply,
}: {
  filter: UserFilter;
  choices: FilterChoices;
  onApply: (filter: UserFilter) => void;
}) {
  const [draft, setDraft] = useState(filter);
  useEffect(() => setDraft(filter), [filter]);
  const set = (name: string) => (e: { currentTarget: { value: string } }) =>
    setDraft((d) => withValue(d, name, e.currentTarget.value));
  // The first property is edited here; any others (from a saved segment) are kept as they are.
  const [trait, setTrait] = useState<[string, string]>(() => filterTraits(filter)[0] ?? ['', '']);
  useEffect(() => setTrait(filterTraits(filter)[0] ?? ['', '']), [filter]);
  // One choice for step and state: "done:<id>" or "milestoneMissing:<id>", the API's names.
  const step = draft.milestone
    ? `milestone:${draft.milestone}`
    : draft.milestoneMissing
      ? `milestoneMissing:${draft.milestoneMissing}`
      : '';
  const setStep = (choice: string) => {
    const [name = '', id = ''] = choice.split(/:(.*)/);
    setDraft((d) => ({
      ...withValue(withValue(d, 'milestone', ''), 'milestoneMissing', ''),
      ...(id ? { [name]: id } : {}),
    }));
  };
  return (
    <form
      class="card filters"
      aria-label="Filter users"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(withTraits(draft, [trait, ...filterTraits(draft).slice(1)]));
      }}
    >
      <Field id="f-band" label="Engagement band">
        <select id="f-band" value={draft.band ?? ''} onChange={set('band')}>
          <option value="">Any band</option>
          {choices.bands.map((b) => (
            <option key={b} value={b}>
              {capital(b)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="f-min" label="Score from">
        <input id="f-min" type="number" min={0} max={100} value={draft.minScore ?? ''} onInput={set('minScore')} />
      </Field>
      <Field id="f-max" label="Score up to">
        <input id="f-max" type="number" min={0} max={100} value={draft.maxScore ?? ''} onInput={set('maxScore')} />
      </Field>
      <Field id="f-model" label="Lifecycle stage">
        <select id="f-model" value={draft.model ?? ''} onChange={set('model')}>
          <option value="">Any stage</option>
          {[...new Set([...choices.models, ...(draft.model ? [draft.model] : [])])].map((m) => (
            <option key={m} value={m}>
              {capital(m)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="f-trait-name" label="User property">
        <input
          id="f-trait-name"
          placeholder="e.g. plan"
          value={trait[0]}
          onInput={(e) => setTrait([e.currentTarget.value, trait[1]])}
        />
      </Field>
      <Field id="f-trait-value" label="equals">
        <input
          id="f-trait-value"
          placeholder="e.g. trial"
          value={trait[1]}
          onInput={(e) => setTrait([trait[0], e.currentTarget.value])}
        />
      </Field>
      <Field id="f-step" label="Onboarding step">
        <select id="f-step" value={step} onChange={(e) => setStep(e.currentTarget.value)}>
          <option value="">Any progress</option>
          <optgroup label="Has done">
            {choices.milestones.map((m) => (
              <option key={m.id} value={`milestone:${m.id}`}>
                {m.title}
              </option>
            ))}
          </optgroup>
          <optgroup label="Has not done yet">
            {choices.milestones.map((m) => (
              <option key={m.id} value={`milestoneMissing:${m.id}`}>
                Not yet: {m.title}
              </option>
            ))}
          </optgroup>
        </select>
      </Field>
      <Field id="f-seen-after" label="Active after">
        <input id="f-seen-after" type="date" value={inputDate(draft.seenAfter)} onInput={set('seenAfter')} />
      </Field>
      <Field id="f-seen-before" label="Last active before">
        <input id="f-seen-before" type="date" value={inputDate(draft.seenBefore)} onInput={set('seenBefore')} />
      </Field>
      <Field id="f-group" label="Account">
        <input id="f-group" placeholder="account id" value={draft.group ?? ''} onInput={set('group')} />
      </Field>
      <Field id="f-moved" label="Band changed since">
        <input id="f-moved" type="date" value={inputDate(draft.bandChangedSince)} onInput={set('bandChangedSince')} />
      </Field>
      <Field id="f-direction" label="Band moved">
        <select id="f-direction" value={draft.bandDirection ?? ''} onChange={set('bandDirection')}>
          <option value="">up or down</option>
          <option value="down">down</option>
          <option value="up">up</option>
        </select>
      </Field>
      <div class="actions">
        <button type="submit">Show users</button>
        <button type="button" class="secondary" onClick={() => onApply({})}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
