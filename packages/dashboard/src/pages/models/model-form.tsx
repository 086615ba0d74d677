import type {
  Band,
  InactivityRule,
  LifecycleRule,
  Milestone,
  PropertyFilter,
  ScoringModel,
  Signal,
  SignalCount,
} from '@pulse/core';
import type { ComponentChildren } from 'preact';
import type { EventNames } from '../../api.js';
import { number } from '../../format.js';
import { assign, freshId, idFromEvent, numberInput, scalarInput } from './draft.js';

/** What every part of the form gets: the validator's messages by path, and whether it may change anything. */
interface FormContext {
  errors: Map<string, string>;
  readOnly: boolean;
}

/** `$page` (page and screen views) in words; other names as stored. */
const eventLabel = (name: string) => (name === '$page' ? 'Page and screen views' : name);

const domId = (path: string) => `f-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

/** The message under a field, tied to it by aria-describedby. */
function FieldError({ path, errors }: { path: string; errors: Map<string, string> }) {
  const message = errors.get(path);
  if (message === undefined) return null;
  return (
    <span class="field-error" id={`${domId(path)}-error`} role="alert">
      {message}
    </span>
  );
}

function Field({
  label,
  path,
  ctx,
  hint,
  children,
}: {
  label: string;
  path: string;
  ctx: FormContext;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${ctx.errors.has(path) ? ' invalid' : ''}`}>
      <label for={domId(path)}>{label}</label>
      {children}
      {hint !== undefined ? <span class="muted hint">{hint}</span> : null}
      <FieldError path={path} errors={ctx.errors} />
    </div>
  );
}

const inputProps = (path: string, ctx: FormContext) => ({
  id: domId(path),
  'aria-invalid': ctx.errors.has(path) ? ('true' as const) : undefined,
  'aria-describedby': ctx.errors.has(path) ? `${domId(path)}-error` : undefined,
  disabled: ctx.readOnly,
});

function TextInput({
  label,
  path,
  ctx,
  value,
  onChange,
  hint,
  list,
}: {
  label: string;
  path: string;
  ctx: FormContext;
  value: string | undefined;
  onChange: (v: string) => void;
  hint?: string;
  list?: string;
}) {
  return (
    <Field label={label} path={path} ctx={ctx} {...(hint === undefined ? {} : { hint })}>
      <input
        type="text"
        {...inputProps(path, ctx)}
        list={list}
        value={value ?? ''}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    </Field>
  );
}

function NumberInput({
  label,
  path,
  ctx,
  value,
  onChange,
  hint,
}: {
  label: string;
  path: string;
  ctx: FormContext;
  value: unknown;
  onChange: (v: number | string | undefined) => void;
  hint?: string;
}) {
  return (
    <Field label={label} path={path} ctx={ctx} {...(hint === undefined ? {} : { hint })}>
      <input
        type="text"
        inputMode="decimal"
        {...inputProps(path, ctx)}
        value={value === undefined || value === null ? '' : String(value)}
        onChange={(e) => onChange(numberInput(e.currentTarget.value))}
      />
    </Field>
  );
}

const COUNT_LABELS: Record<SignalCount, string> = {
  occurrences: 'Every time it happens',
  activeDays: 'Days with the event',
  activeWeeks: 'Weeks with the event',
};

const OPERATORS = [
  ['equals', 'is'],
  ['in', 'is one of'],
  ['gte', 'is at least'],
  ['lte', 'is at most'],
] as const;
type Operator = (typeof OPERATORS)[number][0];

function operatorOf(f: PropertyFilter): Operator {
  if (f.in !== undefined) return 'in';
  if (f.gte !== undefined) return 'gte';
  if (f.lte !== undefined) return 'lte';
  return 'equals';
}

function filterValue(f: PropertyFilter): string {
  const op = operatorOf(f);
  const v = op === 'in' ? f.in?.join(', ') : f[op];
  return v === undefined ? '' : String(v);
}

function makeFilter(property: string, op: Operator, text: string): PropertyFilter {
  if (op === 'in') return { property, in: text.split(',').map((x) => scalarInput(x.trim())) };
  if (op === 'equals') return { property, equals: scalarInput(text) };
  return { property, [op]: numberInput(text) } as PropertyFilter;
}

/** The `where` filters of a signal or milestone: property, comparison and value, one row each. */
function WhereList({
  path,
  ctx,
  where,
  onChange,
  addLabel = 'Add a condition on the event’s properties',
}: {
  path: string;
  ctx: FormContext;
  where: PropertyFilter[] | undefined;
  onChange: (w: PropertyFilter[] | undefined) => void;
  addLabel?: string;
}) {
  const rows = where ?? [];
  const set = (i: number, f: PropertyFilter) => onChange(rows.map((r, j) => (j === i ? f : r)));
  return (
    <div class="where">
      {rows.map((f, i) => {
        const p = `${path}[${i}]`;
        const op = operatorOf(f);
        return (
          <div class="row" key={i} role="group" aria-label={`Condition ${i + 1}`}>
            <TextInput
              label="Property"
              path={`${p}.property`}
              ctx={ctx}
              value={f.property}
              onChange={(v) => set(i, { ...f, property: v })}
            />
            <Field label="Comparison" path={`${p}.op`} ctx={ctx}>
              <select
                {...inputProps(`${p}.op`, ctx)}
                value={op}
                onChange={(e) => set(i, makeFilter(f.property, e.currentTarget.value as Operator, filterValue(f)))}
              >
                {OPERATORS.map(([v, text]) => (
                  <option key={v} value={v}>
                    {text}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              label="Value"
              path={`${p}.${op}`}
              ctx={ctx}
              {...(op === 'in' ? { hint: 'Separate values with commas' } : {})}
            >
              <input
                type="text"
                {...inputProps(`${p}.${op}`, ctx)}
                value={filterValue(f)}
                onChange={(e) => set(i, makeFilter(f.property, op, e.currentTarget.value))}
              />
            </Field>
            {ctx.readOnly ? null : (
              <button
                type="button"
                class="link remove"
                onClick={() => {
                  const next = rows.filter((_, j) => j !== i);
                  onChange(next.length ? next : undefined);
                }}
              >
                Remove condition
              </button>
            )}
          </div>
        );
      })}
      <FieldError path={path} errors={ctx.errors} />
      {ctx.readOnly ? null : (
        <button type="button" class="link" onClick={() => onChange([...rows, { property: '', equals: '' }])}>
          {addLabel}
        </button>
      )}
    </div>
  );
}

function SignalRow({
  signal,
  path,
  ctx,
  onChange,
  onRemove,
}: {
  signal: Signal;
  path: string;
  ctx: FormContext;
  onChange: (s: Signal) => void;
  onRemove: () => void;
}) {
  const mode = signal.count ?? 'occurrences';
  return (
    <fieldset class="signal" data-signal={signal.id}>
      <legend>{signal.event === '$page' ? 'Page and screen views' : signal.event || 'New signal'}</legend>
      <div class="fields">
        <TextInput
          label="Event"
          path={`${path}.event`}
          ctx={ctx}
          list="stored-events"
          value={signal.event}
          onChange={(v) => onChange({ ...signal, event: v })}
          hint="Pick a stored event or type its name"
        />
        <NumberInput
          label="Points each"
          path={`${path}.weight`}
          ctx={ctx}
          value={signal.weight}
          onChange={(v) => onChange(assign(signal, 'weight', v ?? ''))}
          hint="Negative points lower the score"
        />
        <Field label="Counts" path={`${path}.count`} ctx={ctx}>
          <select
            {...inputProps(`${path}.count`, ctx)}
            value={mode}
            onChange={(e) => {
              const v = e.currentTarget.value as SignalCount;
              let next = assign(signal, 'count', v === 'occurrences' ? undefined : v);
              if (v === 'occurrences') next = assign(next, 'minPerPeriod', undefined);
              else next = assign(next, 'value', undefined);
              onChange(next);
            }}
          >
            {(Object.keys(COUNT_LABELS) as SignalCount[]).map((c) => (
              <option key={c} value={c}>
                {COUNT_LABELS[c]}
              </option>
            ))}
          </select>
        </Field>
        {mode === 'occurrences' ? (
          <TextInput
            label="Add up a property instead (optional)"
            path={`${path}.value`}
            ctx={ctx}
            value={signal.value}
            onChange={(v) => onChange(assign(signal, 'value', v.trim() === '' ? undefined : v))}
            hint="e.g. minutes"
          />
        ) : (
          <NumberInput
            label="Events needed for a day or week to count"
            path={`${path}.minPerPeriod`}
            ctx={ctx}
            value={signal.minPerPeriod}
            onChange={(v) => onChange(assign(signal, 'minPerPeriod', v))}
            hint="Default 1"
          />
        )}
        <NumberInput
          label="Most points it can give (cap)"
          path={`${path}.cap`}
          ctx={ctx}
          value={signal.cap}
          onChange={(v) => onChange(assign(signal, 'cap', v))}
          hint="Leave empty for no cap"
        />
        <TextInput
          label="Signal id"
          path={`${path}.id`}
          ctx={ctx}
          value={signal.id}
          onChange={(v) => onChange({ ...signal, id: v })}
        />
      </div>
      <p class="sub">Only events where…</p>
      <WhereList
        path={`${path}.where`}
        ctx={ctx}
        where={signal.where}
        onChange={(w) => onChange(assign(signal, 'where', w))}
      />
      {ctx.readOnly ? null : (
        <button type="button" class="link remove" onClick={onRemove}>
          Remove this signal
        </button>
      )}
    </fieldset>
  );
}

function List<T>({
  title,
  path,
  ctx,
  items,
  onChange,
  render,
  make,
  addLabel,
}: {
  title: string;
  path: string;
  ctx: FormContext;
  items: T[];
  onChange: (items: T[]) => void;
  render: (item: T, path: string, set: (t: T) => void) => ComponentChildren;
  make: () => T;
  addLabel: string;
}) {
  return (
    <fieldset class="list">
      <legend>{title}</legend>
      {items.map((item, i) => (
        <div class="row" key={i} role="group" aria-label={`${title} ${i + 1}`}>
          {render(item, `${path}[${i}]`, (t) => onChange(items.map((x, j) => (j === i ? t : x))))}
          {ctx.readOnly ? null : (
            <button type="button" class="link remove" onClick={() => onChange(items.filter((_, j) => j !== i))}>
              Remove
            </button>
          )}
        </div>
      ))}
      <FieldError path={path} errors={ctx.errors} />
      {ctx.readOnly ? null : (
        <button type="button" class="link" onClick={() => onChange([...items, make()])}>
          {addLabel}
        </button>
      )}
    </fieldset>
  );
}

const LIFECYCLE_FIELDS = [
  ['minDaysSinceFirstSeen', 'At least this many days since first seen'],
  ['maxDaysSinceFirstSeen', 'At most this many days since first seen'],
  ['minDaysInactive', 'Inactive for at least this many days'],
  ['maxDaysInactive', 'Inactive for at most this many days'],
] as const;

/**
 * Every setting of one scoring model as a form: signals (with the stored event
 * names to pick from), the window and half-life, inactivity rules, the scale,
 * bands with labels, milestones, who the model applies to and its lifecycle
 * stage. Each field shows the validator's message for its path.
 *
 * @example
 * <ModelForm model={m} path="scores[0].models[0]" errors={errors} readOnly={false} names={names} onChange={setModel} />
 */
export function ModelForm({
  model,
  path,
  errors,
  readOnly,
  names,
  onChange,
}: {
  model: ScoringModel;
  path: string;
  errors: Map<string, string>;
  readOnly: boolean;
  names: EventNames | null;
  onChange: (m: ScoringModel) => void;
}) {
  const ctx: FormContext = { errors, readOnly };
  const set = (key: string, value: unknown) => onChange(assign(model, key, value));
  const lifecycle: LifecycleRule = model.lifecycle ?? {};
  const setLifecycle = (key: string, value: unknown) => {
    const next = assign(lifecycle, key, value);
    set('lifecycle', Object.keys(next).length === 0 ? undefined : next);
  };
  return (
    <div class="model-form">
      <datalist id="stored-events">
        {(names?.events ?? []).map((e) => (
          <option key={e.name} value={e.name}>
            {`${eventLabel(e.name)} — ${number(e.count)} in the last ${names?.days ?? 30} days`}
          </option>
        ))}
      </datalist>
      <section class="card" aria-labelledby="signals-title">
        <h2 id="signals-title">What raises or lowers the score</h2>
        <FieldError path={`${path}.signals`} errors={errors} />
        {model.signals.map((s, i) => (
          <SignalRow
            key={i}
            signal={s}
            path={`${path}.signals[${i}]`}
            ctx={ctx}
            onChange={(next) =>
              set(
                'signals',
                model.signals.map((x, j) => (j === i ? next : x)),
              )
            }
            onRemove={() =>
              set(
                'signals',
                model.signals.filter((_, j) => j !== i),
              )
            }
          />
        ))}
        {readOnly ? null : (
          <AddSignal model={model} names={names} onAdd={(s) => set('signals', [...model.signals, s])} />
        )}
      </section>

      <section class="card" aria-labelledby="time-title">
        <h2 id="time-title">Time</h2>
        <div class="fields">
          <NumberInput
            label="Days of activity counted"
            path={`${path}.windowDays`}
            ctx={ctx}
            value={model.windowDays}
            onChange={(v) => set('windowDays', v ?? '')}
          />
          <NumberInput
            label="Half-life in days (older events count less)"
            path={`${path}.halfLifeDays`}
            ctx={ctx}
            value={model.halfLifeDays}
            onChange={(v) => set('halfLifeDays', v)}
            hint="Leave empty: every event in the window counts fully"
          />
          <NumberInput
            label="Points for a score of 100"
            path={`${path}.scale.maxPoints`}
            ctx={ctx}
            value={model.scale.maxPoints}
            onChange={(v) => set('scale', { ...model.scale, maxPoints: v ?? '' })}
          />
        </div>
        <List<InactivityRule>
          title="When someone stops coming back"
          path={`${path}.inactivity`}
          ctx={ctx}
          items={model.inactivity ?? []}
          onChange={(items) => set('inactivity', items.length ? items : undefined)}
          make={() => ({ afterDays: 7, perDay: -1 })}
          addLabel="Add an inactivity rule"
          render={(r, p, setRule) => (
            <div class="fields">
              <NumberInput
                label="After days without events"
                path={`${p}.afterDays`}
                ctx={ctx}
                value={r.afterDays}
                onChange={(v) => setRule(assign(r, 'afterDays', v ?? ''))}
              />
              <NumberInput
                label="Points per day after that"
                path={`${p}.perDay`}
                ctx={ctx}
                value={r.perDay}
                onChange={(v) => setRule(assign(r, 'perDay', v))}
              />
              <NumberInput
                label="Or points once"
                path={`${p}.points`}
                ctx={ctx}
                value={r.points}
                onChange={(v) => setRule(assign(r, 'points', v))}
              />
              <NumberInput
                label="Most points it can take away"
                path={`${p}.cap`}
                ctx={ctx}
                value={r.cap}
                onChange={(v) => setRule(assign(r, 'cap', v))}
              />
            </div>
          )}
        />
      </section>

      <section class="card" aria-labelledby="bands-title">
        <h2 id="bands-title">Bands and milestones</h2>
        <List<Band>
          title="Bands (from the lowest score up)"
          path={`${path}.bands`}
          ctx={ctx}
          items={model.bands}
          onChange={(items) => set('bands', items)}
          make={() => ({
            id: freshId(
              model.bands.map((b) => b.id),
              'band',
            ),
            min: 50,
          })}
          addLabel="Add a band"
          render={(b, p, setBand) => (
            <div class="fields">
              <TextInput
                label="Band id"
                path={`${p}.id`}
                ctx={ctx}
                value={b.id}
                onChange={(v) => setBand({ ...b, id: v })}
              />
              <TextInput
                label="Label shown to people"
                path={`${p}.label`}
                ctx={ctx}
                value={b.label}
                onChange={(v) => setBand(assign(b, 'label', v.trim() === '' ? undefined : v))}
              />
              <NumberInput
                label="From score"
                path={`${p}.min`}
                ctx={ctx}
                value={b.min}
                onChange={(v) => setBand(assign(b, 'min', v ?? ''))}
              />
            </div>
          )}
        />
        <List<Milestone>
          title="Milestones"
          path={`${path}.milestones`}
          ctx={ctx}
          items={model.milestones ?? []}
          onChange={(items) => set('milestones', items.length ? items : undefined)}
          make={() => ({
            id: freshId(
              (model.milestones ?? []).map((m) => m.id),
              'milestone',
            ),
            event: names?.events[0]?.name ?? '',
            title: '',
          })}
          addLabel="Add a milestone"
          render={(m, p, setMilestone) => (
            <div class="fields">
              <TextInput
                label="Title"
                path={`${p}.title`}
                ctx={ctx}
                value={m.title}
                onChange={(v) => setMilestone({ ...m, title: v })}
              />
              <TextInput
                label="Done when this event happens"
                path={`${p}.event`}
                ctx={ctx}
                list="stored-events"
                value={m.event}
                onChange={(v) => setMilestone({ ...m, event: v })}
              />
              <TextInput
                label="Link (optional)"
                path={`${p}.href`}
                ctx={ctx}
                value={m.href}
                onChange={(v) => setMilestone(assign(m, 'href', v.trim() === '' ? undefined : v))}
              />
              <TextInput
                label="Milestone id"
                path={`${p}.id`}
                ctx={ctx}
                value={m.id}
                onChange={(v) => setMilestone({ ...m, id: v })}
              />
            </div>
          )}
        />
      </section>

      <section class="card" aria-labelledby="who-title">
        <h2 id="who-title">Who this model is for</h2>
        <p class="muted">
          Leave these empty for the model everyone gets. Otherwise it applies to users whose trait matches, or while
          they are at a stage of their life as a customer.
        </p>
        <div class="fields">
          <TextInput
            label="Trait"
            path={`${path}.appliesTo.trait`}
            ctx={ctx}
            value={model.appliesTo?.trait}
            onChange={(v) =>
              set(
                'appliesTo',
                v.trim() === '' && model.appliesTo?.equals === undefined ? undefined : { ...model.appliesTo, trait: v },
              )
            }
            hint="e.g. plan"
          />
          <TextInput
            label="Equals"
            path={`${path}.appliesTo.equals`}
            ctx={ctx}
            value={model.appliesTo?.equals === undefined ? '' : String(model.appliesTo.equals)}
            onChange={(v) =>
              set(
                'appliesTo',
                assign({ trait: '', ...model.appliesTo }, 'equals', v.trim() === '' ? undefined : scalarInput(v)),
              )
            }
            hint="e.g. trial"
          />
          <TextInput
            label="Or is one of"
            path={`${path}.appliesTo.in`}
            ctx={ctx}
            value={model.appliesTo?.in?.join(', ')}
            onChange={(v) =>
              set(
                'appliesTo',
                assign(
                  { trait: '', ...model.appliesTo },
                  'in',
                  v.trim() === '' ? undefined : v.split(',').map((x) => scalarInput(x.trim())),
                ),
              )
            }
            hint="Separate values with commas"
          />
          {LIFECYCLE_FIELDS.map(([key, label]) => (
            <NumberInput
              key={key}
              label={label}
              path={`${path}.lifecycle.${key}`}
              ctx={ctx}
              value={lifecycle[key]}
              onChange={(v) => setLifecycle(key, v)}
            />
          ))}
        </div>
        <p class="sub">At the lifecycle stage, only users whose traits match…</p>
        <WhereList
          path={`${path}.lifecycle.traits`}
          ctx={ctx}
          where={lifecycle.traits}
          onChange={(w) => setLifecycle('traits', w)}
          addLabel="Add a condition on a trait"
        />
        <FieldError path={`${path}.appliesTo`} errors={errors} />
        <FieldError path={`${path}.lifecycle`} errors={errors} />
      </section>
    </div>
  );
}

function AddSignal({
  model,
  names,
  onAdd,
}: {
  model: ScoringModel;
  names: EventNames | null;
  onAdd: (s: Signal) => void;
}) {
  const used = new Set(model.signals.map((s) => s.event));
  const choices = (names?.events ?? []).filter((e) => !used.has(e.name));
  const add = (event: string) =>
    onAdd({
      id: freshId(
        model.signals.map((s) => s.id),
        idFromEvent(event),
      ),
      event,
      weight: 1,
    });
  return (
    <div class="add-signal">
      <label for="add-signal">Add a signal from a stored event</label>
      <select
        id="add-signal"
        value=""
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (v !== '') add(v);
          e.currentTarget.value = '';
        }}
      >
        <option value="">Choose an event…</option>
        {choices.map((e) => (
          <option key={e.name} value={e.name}>
            {`${eventLabel(e.name)} (${number(e.count)} in ${names?.days ?? 30} days)`}
          </option>
        ))}
        <option value="New Event">Another event (type its name)</option>
      </select>
    </div>
  );
}
