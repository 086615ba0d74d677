import type { ScoreList } from '../api.js';
import { scoreName } from './score-names.js';

/**
 * A radio group that picks which score a page shows ("Engagement", "Churn risk", …),
 * with the picked score's description below. Renders nothing for a config with
 * one score: there is nothing to pick.
 *
 * @example
 * <ScoreSwitcher scores={list} value="churnRisk" onChange={(id) => go(id)} />
 */
export function ScoreSwitcher({
  scores,
  value,
  onChange,
}: {
  scores: ScoreList | null;
  value: string;
  onChange: (scoreId: string) => void;
}) {
  if (scores === null || scores.scores.length < 2) return null;
  const picked = scores.scores.find((s) => s.id === value);
  const help = [
    picked?.description,
    picked?.direction === 'higher-is-worse' ? 'A higher score here is worse.' : undefined,
  ].filter((t): t is string => t !== undefined && t !== '');
  return (
    <fieldset class="view-switch score-switch card wide" data-testid="score-switch">
      <legend>Score</legend>
      <div class="segments">
        {scores.scores.map((s) => (
          <label key={s.id} class={value === s.id ? 'segment checked' : 'segment'}>
            <input type="radio" name="score" value={s.id} checked={value === s.id} onChange={() => onChange(s.id)} />
            {scoreName(s)}
          </label>
        ))}
      </div>
      {help.length > 0 ? (
        <p class="help" data-testid="score-help">
          {help.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}
