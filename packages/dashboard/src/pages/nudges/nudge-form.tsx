import { PLACEMENTS, type Nudge, type NudgeVariant, type PulseConfig } from '@pulse/core';
import type { JSX } from 'preact';
import { vocabulary } from './draft-nudge.js';

type Issues = Map<string, string>;
type Change = (next: Nudge) => void;

const PLACEMENT_LABELS: Record<Nudge['placement'], string> = {
  banner: 'Banner across the page',
  toast: 'Toast in a corner',
  inline: 'Card in the page',
  tooltip: 'Tooltip next to an element',
};

const num = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));

/** A labelled input with its error under it, tied by `aria-describedby`. */
function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  children: (a11y: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => JSX.Element;
}) {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean);
  return (
    <div class={`field${props.error ? ' invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children({
        id: props.id,
        ...(props.error ? { 'aria-invalid': true as const } : {}),
        ...(described.length ? { 'aria-describedby': described.join(' ') } : {}),
      })}
      {props.hint ? (
        <small id={`${props.id}-hint`} class="muted">
          {props.hint}
        </small>
      ) : null}
      {props.error ? (
        <small id={`${props.id}-error`} class="error">
          {props.error}
        </small>
      ) : null}
    </div>
  );
}

function VariantFields({
  variant,
  index,
  issues,
  onChange,
  onRemove,
}: {
  variant: NudgeVariant;
  index: number;
  issues: Issues;
  onChange: (v: NudgeVariant) => void;
  onRemove: (() => void) | null;
}) {
  const p = `variants[${index}]`;
  const c = variant.content;
  const cta = c?.cta ?? { label: '' };
  const setContent = (patch: Partial<NonNullable<NudgeVariant['content']>>) =>
    onChange({ ...variant, content: { title: '', ...c, ...patch } });
  return (
    <fieldset class="variant">
      <legend>Variant {index + 1}</legend>
      <div class="row">
        <Field id={`v${index}-id`} label="Name" error={issues.get(`${p}.id`)}>
          {(a) => (
            <input {...a} value={variant.id} onInput={(e) => onChange({ ...variant, id: e.currentTarget.value })} />
          )}
        </Field>
        <Field
          id={`v${index}-weight`}
          label="Share of users"
          hint="Relative to the other variants' shares"
          error={issues.get(`${p}.weight`)}
        >
          {(a) => (
            <input
              {...a}
              type="number"
              min="0"
              step="0.05"
              value={variant.weight}
              onInput={(e) => onChange({ ...variant, weight: Number(e.currentTarget.value) })}
            />
          )}
        </Field>
        <label class="check">
          <input
            type="checkbox"
            checked={c === null}
            onChange={(e) =>
              onChange({
                ...variant,
                content: e.currentTarget.checked ? null : { title: '', body: '', cta: { label: '' } },
              })
            }
          />
          Control (shows nothing)
        </label>
        {onRemove ? (
          <button type="button" class="link" onClick={onRemove}>
            Remove variant {index + 1}
          </button>
        ) : null}
      </div>
      {c === null ? null : (
        <>
          <Field
            id={`v${index}-title`}
            label="Title"
            error={issues.get(`${p}.content.title`) ?? issues.get(`${p}.content`)}
          >
            {(a) => <input {...a} value={c.title} onInput={(e) => setContent({ title: e.currentTarget.value })} />}
          </Field>
          <Field id={`v${index}-body`} label="Text" error={issues.get(`${p}.content.body`)}>
            {(a) => (
              <textarea
                {...a}
                rows={2}
                value={c.body ?? ''}
                onInput={(e) => setContent({ body: e.currentTarget.value })}
              />
            )}
          </Field>
          <div class="row">
            <Field id={`v${index}-cta`} label="Button label" error={issues.get(`${p}.content.cta.label`)}>
              {(a) => (
                <input
                  {...a}
                  value={cta.label}
                  onInput={(e) => setContent({ cta: { ...cta, label: e.currentTarget.value } })}
                />
              )}
            </Field>
            <Field
              id={`v${index}-href`}
              label="Button link"
              hint="A page of your product, e.g. /invite"
              error={issues.get(`${p}.content.cta.href`)}
            >
              {(a) => (
                <input
                  {...a}
                  value={cta.href ?? ''}
                  onInput={(e) => setContent({ cta: { ...cta, href: e.currentTarget.value } })}
                />
              )}
            </Field>
            <Field
              id={`v${index}-event`}
              label="Or event the button records"
              error={issues.get(`${p}.content.cta.event`)}
            >
              {(a) => (
                <input
                  {...a}
                  value={cta.event ?? ''}
                  onInput={(e) => setContent({ cta: { ...cta, event: e.currentTarget.value } })}
                />
              )}
            </Field>
          </div>
        </>
      )}
    </fieldset>
  );
}

/**
 * The nudge's fields: where it shows, who sees it, its variants, its goal and
 * how often. Each error comes from core's validator, at its field.
 *
 * @example
 * <NudgeForm document={config} nudge={draft} isNew issues={issues} onChange={setDraft} />
 */
export function NudgeForm({
  document,
  nudge,
  isNew,
  issues,
  onChange,
}: {
  document: PulseConfig;
  nudge: Nudge;
  isNew: boolean;
  issues: Issues;
  onChange: Change;
}) {
  const { bands, milestones, segments } = vocabulary(document);
  const t = nudge.trigger;
  const setTrigger = (patch: Partial<Nudge['trigger']>) => onChange({ ...nudge, trigger: { ...t, ...patch } });
  const f = nudge.frequency ?? {};
  const setVariant = (i: number, v: NudgeVariant) =>
    onChange({ ...nudge, variants: nudge.variants.map((x, j) => (j === i ? v : x)) });
  return (
    <div class="nudge-form">
      <fieldset>
        <legend>Where it shows</legend>
        {isNew ? (
          <Field id="nudge-id" label="Name (letters, digits and dashes)" error={issues.get('id')}>
            {(a) => (
              <input {...a} value={nudge.id} onInput={(e) => onChange({ ...nudge, id: e.currentTarget.value })} />
            )}
          </Field>
        ) : null}
        <Field id="nudge-placement" label="Placement" error={issues.get('placement')}>
          {(a) => (
            <select
              {...a}
              value={nudge.placement}
              onChange={(e) => onChange({ ...nudge, placement: e.currentTarget.value as Nudge['placement'] })}
            >
              {PLACEMENTS.map((p) => (
                <option key={p} value={p}>
                  {PLACEMENT_LABELS[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {nudge.placement === 'tooltip' ? (
          <Field
            id="nudge-anchor"
            label="Element it points at"
            hint="A CSS selector of your page, e.g. #invite-button"
            error={issues.get('anchor')}
          >
            {(a) => (
              <input
                {...a}
                value={nudge.anchor ?? ''}
                onInput={(e) => onChange({ ...nudge, anchor: e.currentTarget.value })}
              />
            )}
          </Field>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>Who sees it</legend>
        <Field id="nudge-segment" label="Saved segment" error={issues.get('trigger.segment')}>
          {(a) => (
            <select
              {...a}
              value={t.segment ?? ''}
              onChange={(e) => setTrigger({ segment: e.currentTarget.value || undefined })}
            >
              <option value="">Everyone</option>
              {segments.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset class="inline-group">
          <legend>Engagement bands (none ticked: every band)</legend>
          {[...bands].map(([id, label]) => (
            <label key={id} class="check">
              <input
                type="checkbox"
                checked={t.bands?.includes(id) ?? false}
                onChange={(e) => {
                  const rest = (t.bands ?? []).filter((b) => b !== id);
                  setTrigger({ bands: e.currentTarget.checked ? [...rest, id] : rest });
                }}
              />
              {label}
            </label>
          ))}
          {issues.get('trigger.bands') ? <small class="error">{issues.get('trigger.bands')}</small> : null}
        </fieldset>
        <div class="row">
          <Field id="nudge-milestone" label="Has not yet done" error={issues.get('trigger.milestoneIncomplete')}>
            {(a) => (
              <select
                {...a}
                value={t.milestoneIncomplete ?? ''}
                onChange={(e) => setTrigger({ milestoneIncomplete: e.currentTarget.value || undefined })}
              >
                <option value="">Any step</option>
                {[...milestones].map(([id, title]) => (
                  <option key={id} value={id}>
                    {title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="nudge-days"
            label="Days since first seen, at least"
            error={issues.get('trigger.minDaysSinceFirstSeen')}
          >
            {(a) => (
              <input
                {...a}
                type="number"
                min="0"
                value={t.minDaysSinceFirstSeen ?? ''}
                onInput={(e) => setTrigger({ minDaysSinceFirstSeen: num(e.currentTarget.value) })}
              />
            )}
          </Field>
          <Field id="nudge-event" label="Has sent the event" error={issues.get('trigger.event')}>
            {(a) => (
              <input {...a} value={t.event ?? ''} onInput={(e) => setTrigger({ event: e.currentTarget.value })} />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>What they see</legend>
        {issues.get('variants') ? <p class="error">{issues.get('variants')}</p> : null}
        {nudge.variants.map((v, i) => (
          <VariantFields
            key={i}
            variant={v}
            index={i}
            issues={issues}
            onChange={(next) => setVariant(i, next)}
            onRemove={
              nudge.variants.length > 1
                ? () => onChange({ ...nudge, variants: nudge.variants.filter((_, j) => j !== i) })
                : null
            }
          />
        ))}
        <button
          type="button"
          onClick={() =>
            onChange({
              ...nudge,
              variants: [
                ...nudge.variants,
                {
                  id: `variant-${String.fromCharCode(97 + nudge.variants.length - 1)}`,
                  weight: 0.5,
                  content: { title: '' },
                },
              ],
            })
          }
        >
          Add a variant
        </button>
      </fieldset>

      <fieldset>
        <legend>Goal and frequency</legend>
        <div class="row">
          <Field id="nudge-goal" label="Goal event" hint="What counts as a success" error={issues.get('goal.event')}>
            {(a) => (
              <input
                {...a}
                value={nudge.goal.event}
                onInput={(e) => onChange({ ...nudge, goal: { ...nudge.goal, event: e.currentTarget.value } })}
              />
            )}
          </Field>
          <Field id="nudge-window" label="Within days of seeing it" error={issues.get('goal.withinDays')}>
            {(a) => (
              <input
                {...a}
                type="number"
                min="1"
                value={nudge.goal.withinDays}
                onInput={(e) =>
                  onChange({ ...nudge, goal: { ...nudge.goal, withinDays: Number(e.currentTarget.value) } })
                }
              />
            )}
          </Field>
          <Field id="nudge-max" label="Show at most (times)" error={issues.get('frequency.maxImpressions')}>
            {(a) => (
              <input
                {...a}
                type="number"
                min="1"
                value={f.maxImpressions ?? ''}
                onInput={(e) => onChange({ ...nudge, frequency: { ...f, maxImpressions: num(e.currentTarget.value) } })}
              />
            )}
          </Field>
          <Field id="nudge-cooldown" label="Hours between showings" error={issues.get('frequency.cooldownHours')}>
            {(a) => (
              <input
                {...a}
                type="number"
                min="0"
                value={f.cooldownHours ?? ''}
                onInput={(e) => onChange({ ...nudge, frequency: { ...f, cooldownHours: num(e.currentTarget.value) } })}
              />
            )}
          </Field>
        </div>
      </fieldset>
    </div>
  );
}
