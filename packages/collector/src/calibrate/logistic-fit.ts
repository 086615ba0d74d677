type Tf = typeof import('@tensorflow/tfjs-core');
type Regularizers = (typeof import('@tensorflow/tfjs-layers'))['regularizers'];

/** The penalties TensorFlow.js's layers offer for a kernel. */
export const PENALTIES = ['l2', 'l1'] as const;

/**
 * `l2` (ridge: shrinks every weight) or `l1` (lasso: sets weak signals to 0).
 *
 * @example
 * const p: Penalty = 'l1';
 */
export type Penalty = (typeof PENALTIES)[number];

/**
 * Settings of `fitLogistic`. `strength` is the penalty's factor on the
 * coefficients of standardised features (so it means the same for every signal).
 *
 * @example
 * const o: FitOptions = { penalty: 'l2', strength: 0.01, steps: 300, learningRate: 0.1 };
 */
export interface FitOptions {
  penalty: Penalty;
  strength: number;
  steps: number;
  learningRate: number;
  onStep?: (done: number, total: number) => void;
}

/**
 * A fitted model: `standardized[j]` is the log-odds change per standard
 * deviation of feature j (what ranks the signals), `perUnit[j]` per one count.
 *
 * @example
 * const f: LogisticFit = { intercept: -1.2, perUnit: [0.4, 0], standardized: [0.9, 0], means: [1.1, 3], sds: [2.2, 0] };
 */
export interface LogisticFit {
  intercept: number;
  perUnit: number[];
  standardized: number[];
  means: number[];
  sds: number[];
}

/** Fit settings that converge on standardised counts (checked against a Newton solution in the tests). */
export const DEFAULT_FIT: FitOptions = { penalty: 'l2', strength: 0.01, steps: 300, learningRate: 0.1 };

let ready: Promise<{ tf: Tf; regularizers: Regularizers }> | null = null;

/**
 * TensorFlow.js on its CPU backend, loaded on first use so that the collector
 * and the CLI start without it; production mode also silences its "install
 * tfjs-node" notice.
 */
function tensorflow(): Promise<{ tf: Tf; regularizers: Regularizers }> {
  ready ??= (async () => {
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-cpu');
    const { regularizers } = await import('@tensorflow/tfjs-layers');
    tf.enableProdMode();
    await tf.setBackend('cpu');
    return { tf, regularizers };
  })();
  return ready;
}

function moments(rows: number[][], width: number): { means: number[]; sds: number[] } {
  const means = Array.from({ length: width }, (_, j) => rows.reduce((s, r) => s + (r[j] ?? 0), 0) / rows.length);
  const sds = means.map((m, j) => Math.sqrt(rows.reduce((s, r) => s + ((r[j] ?? 0) - m) ** 2, 0) / rows.length));
  return { means, sds };
}

/**
 * A regularised logistic regression of `outcomes` on `rows` (one row of counts
 * per user), fitted with TensorFlow.js: Adam on the mean cross-entropy plus the
 * layers API's L2 or L1 kernel regularizer (the intercept is not penalised).
 * Features are standardised first; constant features get coefficient 0.
 * Deterministic for the same input (zero start, full batch).
 *
 * @example
 * const fit = await fitLogistic([[0, 1], [3, 1], [5, 0]], [false, true, true]);
 * fit.standardized; // → e.g. [1.4, -0.6]
 */
export async function fitLogistic(
  rows: number[][],
  outcomes: boolean[],
  options: FitOptions = DEFAULT_FIT,
): Promise<LogisticFit> {
  const { tf, regularizers } = await tensorflow();
  const width = rows[0]?.length ?? 0;
  const { means, sds } = moments(rows, width);
  const x = new Float32Array(rows.length * width);
  rows.forEach((r, i) => {
    for (let j = 0; j < width; j++) {
      const sd = sds[j] as number;
      x[i * width + j] = sd > 0 ? ((r[j] ?? 0) - (means[j] as number)) / sd : 0;
    }
  });
  const xs = tf.tensor2d(x, [rows.length, width]);
  const ys = tf.tensor2d(
    Float32Array.from(outcomes, (o) => (o ? 1 : 0)),
    [rows.length, 1],
  );
  const w = tf.variable(tf.zeros([width, 1]));
  const b = tf.variable(tf.zeros([1]));
  const penalty =
    options.penalty === 'l1' ? regularizers.l1({ l1: options.strength }) : regularizers.l2({ l2: options.strength });
  const optimizer = tf.train.adam(options.learningRate);
  try {
    for (let step = 0; step < options.steps; step++) {
      // Both terms are rank 0, so their sum is the scalar loss minimize() wants.
      optimizer.minimize(
        () =>
          tf.add(tf.losses.sigmoidCrossEntropy(ys, tf.add(tf.matMul(xs, w), b)), penalty.apply(w)) as ReturnType<
            Tf['scalar']
          >,
      );
      if ((step + 1) % 25 === 0) options.onStep?.(step + 1, options.steps);
    }
    const standardized = Array.from(await w.data(), (v, j) => ((sds[j] as number) > 0 ? v : 0));
    const perUnit = standardized.map((v, j) => ((sds[j] as number) > 0 ? v / (sds[j] as number) : 0));
    const intercept = (await b.data())[0] as number;
    return {
      intercept: intercept - perUnit.reduce((s, c, j) => s + c * (means[j] as number), 0),
      perUnit,
      standardized,
      means,
      sds,
    };
  } finally {
    optimizer.dispose();
    tf.dispose([xs, ys, w, b]);
  }
}
