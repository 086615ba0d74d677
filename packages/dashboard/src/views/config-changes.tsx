import type { ConfigChange } from '../api.js';
import { changeKind, changePlace, showValue } from '../describe-change.js';

const KIND_TEXT = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;

/**
 * A version's changes, one line each: where, and the value before and after.
 *
 * @example
 * <ConfigChanges changes={detail.diff} />
 */
export function ConfigChanges({ changes }: { changes: ConfigChange[] }) {
  if (changes.length === 0) return <p class="muted">No setting changed in this version.</p>;
  return (
    <ul class="changes" data-testid="changes">
      {changes.map((c) => {
        const kind = changeKind(c);
        return (
          <li key={c.path.join('\u0000')} class={`change change-${kind}`} data-kind={kind}>
            <span class="pill">{KIND_TEXT[kind]}</span> <span class="place">{changePlace(c.path)}</span>
            {kind === 'changed' ? (
              <span class="values">
                {' '}
                from <del>{showValue(c.before)}</del> to <ins>{showValue(c.after)}</ins>
              </span>
            ) : (
              <span class="values">
                : <code>{showValue(kind === 'added' ? c.after : c.before)}</code>
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
