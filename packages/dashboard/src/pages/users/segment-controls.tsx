import { useState } from 'preact/hooks';
import type { Api, Segment } from '../../api.js';
import type { UserFilter } from './user-filter.js';

/**
 * A segment id from its name: lower case, words joined by hyphens.
 *
 * @example
 * segmentId('Trial users, falling'); // 'trial-users-falling'
 */
export function segmentId(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'segment'
  );
}

/**
 * Picks a saved segment; choosing one shows its users with its filter loaded in the bar.
 *
 * @example
 * <SegmentPicker segments={list} current="trial-falling" onPick={(s) => go(s.filter)} />
 */
export function SegmentPicker({
  segments,
  current,
  onPick,
}: {
  segments: Segment[];
  current: string | null;
  onPick: (segment: Segment) => void;
}) {
  return (
    <div class="field segment-picker">
      <label for="segment-pick">Saved segments</label>
      <select
        id="segment-pick"
        value={current ?? ''}
        onChange={(e) => {
          const s = segments.find((x) => x.id === e.currentTarget.value);
          if (s) onPick(s);
        }}
      >
        <option value="">{segments.length === 0 ? 'None saved yet' : 'Choose a segment…'}</option>
        {segments.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Saves the current filter as a segment (`PUT /v1/admin/segments/{id}`), named by
 * the user; the default name is the filter in words. Replacing another segment of
 * the same name takes a second, explicit click.
 *
 * @example
 * <SaveSegment api={api} filter={filter} suggestedName="plan is trial" existing={[]} onSaved={reload} />
 */
export function SaveSegment({
  api,
  filter,
  suggestedName,
  existing,
  onSaved,
}: {
  api: Api;
  filter: UserFilter;
  suggestedName: string;
  existing: Segment[];
  onSaved: (segment: Segment) => void;
}) {
  const [name, setName] = useState<string | null>(null);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; text: string }>({
    kind: 'idle',
    text: '',
  });
  const value = name ?? suggestedName;
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const clash = existing.find((x) => x.id === segmentId(value) && JSON.stringify(x.filter) !== JSON.stringify(filter));
  const mustConfirm = clash !== undefined && confirmed !== clash.id;
  return (
    <form
      class="save-segment"
      onSubmit={(e) => {
        e.preventDefault();
        // The name as typed now: a submit can come before the re-render of the last keystroke.
        const typed = (e.currentTarget.querySelector('#segment-name') as HTMLInputElement | null)?.value ?? value;
        const taken = existing.find(
          (x) => x.id === segmentId(typed) && JSON.stringify(x.filter) !== JSON.stringify(filter),
        );
        if (taken !== undefined && confirmed !== taken.id) {
          setConfirmed(taken.id);
          setStatus({
            kind: 'idle',
            text: `“${taken.name}” already exists with other conditions: save again to replace it.`,
          });
          return;
        }
        const id = segmentId(typed);
        const body = { name: typed.trim(), filter };
        setStatus({ kind: 'saving', text: 'Saving…' });
        api.send<Segment>('PUT', `/v1/admin/segments/${encodeURIComponent(id)}`, body).then(
          (saved) => {
            setStatus({ kind: 'saved', text: `Saved as “${saved.name}”.` });
            onSaved(saved);
          },
          (err: Error) => setStatus({ kind: 'error', text: `Not saved: ${err.message}` }),
        );
      }}
    >
      <label for="segment-name">Segment name</label>
      <input
        id="segment-name"
        value={value}
        onInput={(e) => {
          setName(e.currentTarget.value);
          setConfirmed(null);
        }}
        required
      />
      <button type="submit" disabled={status.kind === 'saving' || value.trim() === ''}>
        {clash && !mustConfirm ? `Replace “${clash.name}”` : 'Save as segment'}
      </button>
      <span role="status" class={status.kind === 'error' ? 'error' : 'muted'}>
        {status.text}
      </span>
    </form>
  );
}
