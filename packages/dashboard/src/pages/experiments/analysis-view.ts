/** The three ways the Experiments page can show the same data. */
export const ANALYSIS_VIEWS = {
  sequential: {
    label: 'Always-valid',
    help: 'Frequentist, safe to read every day: the interval holds however often you look. The verdict uses it.',
  },
  'fixed-horizon': {
    label: 'Fixed horizon',
    help: 'The classical test: valid only for one look at a sample size fixed in advance. Read daily, it calls winners by chance.',
  },
  bayesian: {
    label: 'Bayesian',
    help: 'Chance each variant beats control, and what shipping it risks, from each rate’s posterior.',
  },
} as const;

/** One of `ANALYSIS_VIEWS`' keys. */
export type AnalysisView = keyof typeof ANALYSIS_VIEWS;
