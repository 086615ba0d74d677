import { ANALYSIS_VIEWS, type AnalysisView } from './analysis-view.js';

/**
 * A radio group that picks how the numbers are read: always-valid (the
 * default, what the verdict uses), fixed horizon (labelled as one-look only) or Bayesian.
 *
 * @example
 * <ViewSwitch value={view} onChange={setView} />
 */
export function ViewSwitch({ value, onChange }: { value: AnalysisView; onChange: (v: AnalysisView) => void }) {
  const views = Object.entries(ANALYSIS_VIEWS) as [AnalysisView, (typeof ANALYSIS_VIEWS)[AnalysisView]][];
  return (
    <fieldset class="view-switch card wide">
      <legend>Read the numbers as</legend>
      <div class="segments">
        {views.map(([id, v]) => (
          <label key={id} class={value === id ? 'segment checked' : 'segment'}>
            <input type="radio" name="analysis-view" value={id} checked={value === id} onChange={() => onChange(id)} />
            {v.label}
          </label>
        ))}
      </div>
      <p class="help" data-testid="view-help">
        {ANALYSIS_VIEWS[value].help}
      </p>
    </fieldset>
  );
}
