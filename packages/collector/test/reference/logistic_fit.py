#!/usr/bin/python3
"""Reference fits for packages/collector/src/calibrate/logistic-fit.ts.

Run with Debian's python3-scipy and python3-statsmodels:

    apt-get install -y python3-scipy python3-statsmodels
    /usr/bin/python3 packages/collector/test/reference/logistic_fit.py

It writes logistic-fit.json beside itself: two seeded populations of per-user counts and,
for each penalty and strength, the coefficients of the regularised logistic regression
that logistic-fit.ts defines (mean cross-entropy plus strength * sum(w**2) for l2, or
strength * sum(|w|) for l1, on features standardised with the population standard
deviation; the intercept is not penalised). Each value comes from statsmodels and is
checked against a second, independent solution by SciPy's L-BFGS-B on the same objective
before it is written, so CI needs no Python.
"""
import json
import os
import subprocess

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import optimize
from statsmodels.base._penalized import PenalizedMixin
from statsmodels.base._penalties import L2ConstraintsPenalty

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "logistic-fit.json")
AGREE = 2e-6  # what the two solvers agree to; the unit tests compare to 1e-5


class PenalizedLogit(PenalizedMixin, sm.Logit):
    """statsmodels' Logit with a penalty on its log-likelihood (as its penalised GLMs are built)."""


def population(seed, n, rates, log_odds):
    """Poisson counts per user and outcomes drawn from the true log-odds."""
    rng = np.random.RandomState(seed)
    rows = np.column_stack([rng.poisson(r, n) for r in rates]).astype(float)
    p = 1 / (1 + np.exp(-log_odds(rows)))
    return rows, (rng.uniform(size=n) < p).astype(float)


def standardise(rows):
    means = rows.mean(axis=0)
    sds = rows.std(axis=0)  # population standard deviation, as logistic-fit.ts
    return (rows - means) / sds, means, sds


def objective(params, z, y, penalty, strength):
    eta = params[0] + z @ params[1:]
    loss = np.mean(np.logaddexp(0, eta) - y * eta)
    w = params[1:]
    return loss + strength * (np.sum(w * w) if penalty == "l2" else np.sum(np.abs(w)))


def statsmodels_fit(z, y, penalty, strength):
    x = sm.add_constant(z)
    d = z.shape[1]
    if penalty == "l2":
        # The penalised Logit maximises loglike - pen_weight * sum(w**2): pen_weight = n * strength.
        model = PenalizedLogit(
            y, x, penal=L2ConstraintsPenalty(weights=np.r_[0.0, np.ones(d)]), pen_weight=len(y) * strength
        )
        return np.asarray(model.fit(method="newton", tol=1e-14, maxiter=100, disp=False).params)
    # Logit's l1 minimises -loglike + sum(alpha * |w|): alpha = n * strength.
    alpha = np.r_[0.0, np.full(d, len(y) * strength)]
    res = sm.Logit(y, x).fit_regularized(
        method="l1", alpha=alpha, disp=False, acc=1e-14, maxiter=10000, trim_mode="size", size_trim_tol=1e-9
    )
    return np.asarray(res.params)


def scipy_fit(z, y, penalty, strength):
    d = z.shape[1]
    if penalty == "l2":
        res = optimize.minimize(
            objective, np.zeros(d + 1), args=(z, y, penalty, strength), method="L-BFGS-B",
            options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 100000},
        )
        return res.x
    # |w| as u + v with w = u - v and u, v >= 0: a smooth problem with bounds.
    def split(q):
        return np.r_[q[0], q[1 : d + 1] - q[d + 1 :]]

    def f(q):
        return objective(split(q), z, y, "l2", 0.0) + strength * np.sum(q[1:])

    bounds = [(None, None)] + [(0, None)] * (2 * d)
    res = optimize.minimize(
        f, np.zeros(2 * d + 1), method="L-BFGS-B", bounds=bounds,
        options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 100000, "maxfun": 1000000},
    )
    return split(res.x)


def main():
    datasets = {
        # Three signals: two that matter (one against the outcome), one of noise.
        "three-signals": population(20261202, 400, [2.5, 1.5, 4.0], lambda r: 0.9 * r[:, 0] - 0.8 * r[:, 1] - 1.2),
        # Five signals, correlated pairs, a rare outcome (about 15%).
        "five-signals-rare": population(
            7, 600, [3.0, 1.0, 0.5, 6.0, 2.0],
            lambda r: 0.5 * r[:, 0] + 0.6 * r[:, 2] - 0.3 * r[:, 4] - 3.0,
        ),
    }
    fits = []
    for name, (rows, y) in datasets.items():
        z, means, sds = standardise(rows)
        for penalty, strength in [("l2", 0.001), ("l2", 0.01), ("l2", 0.1), ("l1", 0.005), ("l1", 0.03)]:
            sm_params = statsmodels_fit(z, y, penalty, strength)
            sp_params = scipy_fit(z, y, penalty, strength)
            standardized = sm_params[1:]
            per_unit = standardized / sds
            sp_intercept = sp_params[0] - (sp_params[1:] / sds) @ means
            gap = max(np.max(np.abs(sm_params - sp_params)), abs(sm_params[0] - per_unit @ means - sp_intercept))
            assert gap < AGREE, f"{name} {penalty} {strength}: statsmodels and SciPy differ by {gap}"
            fits.append({
                "dataset": name,
                "penalty": penalty,
                "strength": strength,
                "intercept": float(sm_params[0] - per_unit @ means),
                "standardized": [float(c) for c in standardized],
                "objective": float(objective(sm_params, z, y, penalty, strength)),
            })
    out = {
        "generatedBy": "packages/collector/test/reference/logistic_fit.py (statsmodels, checked against SciPy L-BFGS-B)",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__},
        "datasets": {
            name: {"rows": rows.astype(int).tolist(), "outcomes": [bool(o) for o in y]}
            for name, (rows, y) in datasets.items()
        },
        "fits": fits,
    }
    with open(OUT, "w") as f:
        json.dump(out, f)
        f.write("\n")
    subprocess.run(["npx", "prettier", "--write", OUT], check=False, capture_output=True)
    for fit in fits:
        print(fit["dataset"], fit["penalty"], fit["strength"], [round(c, 4) for c in fit["standardized"]])


if __name__ == "__main__":
    main()
