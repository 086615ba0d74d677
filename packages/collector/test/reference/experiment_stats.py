#!/usr/bin/python3
"""Reference values for the experiment statistics in packages/collector/src/experiments/stats.

Run with Debian's python3-scipy and python3-statsmodels:

    apt-get install -y python3-scipy python3-statsmodels
    /usr/bin/python3 packages/collector/test/reference/experiment_stats.py

It writes experiment-stats.json beside itself; the collector's unit tests compare
every formula with those values, so CI needs no Python. Nothing here is a port of
the TypeScript: each value comes from statsmodels or SciPy, or from a different
derivation (closed-form sums, numerical integration of a defining integral,
root-finding on a defining equation), and the Monte Carlo cross-checks at the end
guard this script itself.
"""
import json
import math
import os
import subprocess

import numpy as np
import statsmodels.api as sm
from scipy import integrate, optimize, special, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint, proportions_ztest

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "experiment-stats.json")
ALPHA = 0.05
PRIOR = (1, 1)


def rho2_for(n_star, alpha):
    """Waudby-Smith et al.'s approximately optimal mixing parameter for time n_star."""
    l = -2 * math.log(alpha)
    return (l + math.log(l + 1)) / n_star


# Two-proportion cases: (treatment converted, exposed, control converted, exposed).
PAIRS = [(120, 1000, 100, 1000), (260, 2400, 240, 2600), (31, 180, 12, 150), (5150, 50000, 4990, 50000), (0, 120, 3, 130)]


def fixed_horizon():
    out = []
    for xt, nt, xc, nc in PAIRS:
        low, upp = confint_proportions_2indep(xt, nt, xc, nc, method="wald", compare="diff", alpha=ALPHA)
        _, p = proportions_ztest([xt, xc], [nt, nc])
        out.append({"xt": xt, "nt": nt, "xc": xc, "nc": nc, "ci": [low, upp], "pValue": p})
    return out


def wilson():
    out = []
    for x, n in [(120, 1000), (0, 50), (50, 50), (7, 13)]:
        low, upp = proportion_confint(x, n, alpha=ALPHA, method="wilson")
        out.append({"x": x, "n": n, "ci": [low, upp]})
    return out


def log_mixture_ratio(estimate, variance, tau2, theta0):
    """ln of the normal-mixture likelihood ratio ∫ N(θ̂; θ, V) N(θ; θ0, τ²) dθ / N(θ̂; θ0, V), by quadrature."""
    centre = (estimate * tau2 + theta0 * variance) / (variance + tau2)
    spread = math.sqrt(variance * tau2 / (variance + tau2))

    def log_integrand(theta):
        return (
            stats.norm.logpdf(estimate, theta, math.sqrt(variance))
            + stats.norm.logpdf(theta, theta0, math.sqrt(tau2))
            - stats.norm.logpdf(estimate, theta0, math.sqrt(variance))
        )

    peak = log_integrand(centre)
    value, _ = integrate.quad(lambda t: math.exp(log_integrand(t) - peak), centre - 40 * spread, centre + 40 * spread, points=[centre], epsabs=0, epsrel=1e-12, limit=200)
    return peak + math.log(value)


def sequential():
    rho2 = rho2_for(5000, ALPHA)
    out = []
    for xt, nt, xc, nc in PAIRS:
        pt, pc = xt / nt, xc / nc
        estimate = pt - pc
        variance = pt * (1 - pt) / nt + pc * (1 - pc) / nc
        n = nt + nc
        tau2 = rho2 * n * variance
        p_value = min(1.0, math.exp(-log_mixture_ratio(estimate, variance, tau2, 0.0)))
        reach = 60 * math.sqrt(variance + tau2)
        gap = lambda t0: -log_mixture_ratio(estimate, variance, tau2, t0) - math.log(ALPHA)
        low = optimize.brentq(gap, estimate - reach, estimate, xtol=1e-15, rtol=1e-13)
        upp = optimize.brentq(gap, estimate, estimate + reach, xtol=1e-15, rtol=1e-13)
        out.append({"estimate": estimate, "variance": variance, "n": n, "ci": [low, upp], "pValue": p_value})
    return {"rho2": rho2, "alpha": ALPHA, "tuning": 5000, "cases": out}


def cuped():
    rng = np.random.default_rng(20261202)
    cases = []
    for name, nt, nc, binary, constant_second in [
        ("binary outcome, two covariates", 160, 140, True, False),
        ("continuous outcome, two covariates", 90, 110, False, False),
        ("second covariate constant", 120, 120, True, True),
    ]:
        n = nt + nc
        z = rng.normal(size=n)
        score = np.clip(np.round(50 + 18 * z + rng.normal(scale=8, size=n)), 0, 100)
        before = np.zeros(n) if constant_second else rng.poisson(np.exp(0.3 + 0.5 * z))
        arm = np.array([1] * nt + [0] * nc)
        if binary:
            y = (0.6 * z + rng.normal(scale=0.8, size=n) + 0.2 * arm > 1.0).astype(float)
        else:
            y = 3 * z + 0.5 * before + rng.normal(scale=2, size=n) + 0.7 * arm
        X = np.column_stack([score, before])
        fit = sm.OLS(y, sm.add_constant(X, has_constant="add")).fit()
        theta = fit.params[1:]
        if constant_second:
            theta = np.array([theta[0], 0.0])  # pinv gives the zero column a zero coefficient; say so exactly
        resid = y - X @ theta
        t, c = arm == 1, arm == 0
        var_adj = np.var(resid[t]) / nt + np.var(resid[c]) / nc
        var_raw = np.var(y[t]) / nt + np.var(y[c]) / nc
        cases.append({
            "name": name,
            "y": y.tolist(),
            "x": X.tolist(),
            "treated": arm.tolist(),
            "theta": theta.tolist(),
            "lift": float(resid[t].mean() - resid[c].mean()),
            "variance": float(var_adj),
            "unadjustedLift": float(y[t].mean() - y[c].mean()),
            "unadjustedVariance": float(var_raw),
            "varianceReduction": float(1 - var_adj / var_raw),
        })
    return cases


def p_greater(a, b, c, d):
    """P(X > Y) for X ~ Beta(a, b), Y ~ Beta(c, d), integer a: Evan Miller's closed-form sum."""
    terms = [
        math.exp(special.betaln(c + i, d + b) - math.log(b + i) - special.betaln(1 + i, b) - special.betaln(c, d))
        for i in range(int(a))
    ]
    return math.fsum(terms)


def expected_shortfall(a, b, c, d):
    """E[max(X − Y, 0)] by size-biasing: E[X·1{X>Y}] = E[X]·P(X' > Y), X' ~ Beta(a + 1, b)."""
    return a / (a + b) * p_greater(a + 1, b, c, d) - c / (c + d) * p_greater(a, b, c + 1, d)


def posterior(x, n):
    return (PRIOR[0] + x, PRIOR[1] + n - x)


def difference_quantile(t, c, q):
    """Quantile of p_t − p_c by quadrature of P(p_t − p_c ≤ d) = ∫ f_c(x) F_t(x + d) dx and Brent's method."""
    lo = stats.beta.ppf(1e-14, *c)
    hi = stats.beta.isf(1e-14, *c)

    def cdf(d):
        value, _ = integrate.quad(lambda x: stats.beta.pdf(x, *c) * stats.beta.cdf(x + d, *t), lo, hi, epsabs=1e-14, epsrel=1e-12, limit=500, points=[stats.beta.mean(*c)])
        return value - q

    return optimize.brentq(cdf, -1, 1, xtol=1e-13)


def bayesian_two_arm():
    out = []
    for xt, nt, xc, nc in PAIRS:
        t, c = posterior(xt, nt), posterior(xc, nc)
        out.append({
            "xt": xt, "nt": nt, "xc": xc, "nc": nc,
            "posteriorCi": [[stats.beta.ppf(0.025, *t), stats.beta.ppf(0.975, *t)], [stats.beta.ppf(0.025, *c), stats.beta.ppf(0.975, *c)]],
            "chanceToBeatControl": p_greater(*t, *c),
            "expectedLossTreatment": expected_shortfall(*c, *t),
            "expectedLossControl": expected_shortfall(*t, *c),
            "liftCi": [difference_quantile(t, c, 0.025), difference_quantile(t, c, 0.975)],
        })
    return out


def bayesian_many_arms():
    out = []
    for arms in [[(100, 1000), (130, 1000), (118, 1000)], [(1000, 10000), (1030, 10000), (3, 40), (990, 9800)]]:
        post = [posterior(x, n) for x, n in arms]
        lo = min(stats.beta.ppf(1e-14, *p) for p in post)
        hi = max(stats.beta.isf(1e-14, *p) for p in post)
        means = [stats.beta.mean(*p) for p in post]

        def best(k, weight):
            f = lambda x: weight(x) * stats.beta.pdf(x, *post[k]) * math.prod(stats.beta.cdf(x, *post[j]) for j in range(len(post)) if j != k)
            value, _ = integrate.quad(f, lo, hi, points=sorted(means), epsabs=1e-14, epsrel=1e-12, limit=1000)
            return value

        chance = [best(k, lambda x: 1.0) for k in range(len(post))]
        expected_max = sum(best(k, lambda x: x) for k in range(len(post)))
        out.append({"arms": [{"x": x, "n": n} for x, n in arms], "chanceToBeBest": chance, "expectedLoss": [expected_max - m for m in means]})
    return out


def monte_carlo_check(two_arm, many):
    """Guards this script: the quadrature and closed forms must agree with 4M posterior draws."""
    rng = np.random.default_rng(7)
    draws = 4_000_000
    for case in two_arm[:3]:
        t = rng.beta(*posterior(case["xt"], case["nt"]), draws)
        c = rng.beta(*posterior(case["xc"], case["nc"]), draws)
        beat = float(np.mean(t > c))
        assert abs(beat - case["chanceToBeatControl"]) < 5 * math.sqrt(beat * (1 - beat) / draws) + 1e-6, case
        loss = np.maximum(c - t, 0)
        assert abs(loss.mean() - case["expectedLossTreatment"]) < 5 * loss.std() / math.sqrt(draws) + 1e-9, case
        q = np.quantile(t - c, [0.025, 0.975])
        assert np.all(np.abs(q - np.array(case["liftCi"])) < 2e-4), (q, case["liftCi"])
    for case in many:
        sample = np.column_stack([rng.beta(*posterior(a["x"], a["n"]), draws) for a in case["arms"]])
        share = np.bincount(sample.argmax(axis=1), minlength=sample.shape[1]) / draws
        assert np.all(np.abs(share - np.array(case["chanceToBeBest"])) < 5 * np.sqrt(share * (1 - share) / draws) + 1e-6), (share, case)


def holm():
    out = []
    for p in [[0.01, 0.04, 0.03], [0.2, 0.001, 0.04, 0.012], [0.5], [0.03, 0.03]]:
        out.append({"pValues": p, "adjusted": multipletests(p, alpha=ALPHA, method="holm")[1].tolist()})
    return out


def srm():
    out = []
    for observed, weights in [([1100, 900], [0.5, 0.5]), ([550, 220, 230], [2, 1, 1]), ([5050, 4950], [1, 1]), ([700, 300], [0.6, 0.4])]:
        total = sum(observed)
        expected = [total * w / sum(weights) for w in weights]
        chi2, p = stats.chisquare(observed, expected)
        out.append({"observed": observed, "weights": weights, "chiSquared": chi2, "pValue": p})
    return out


def planning():
    out = []
    rho2 = rho2_for(5000, ALPHA)
    for baseline, effect, share, power, factor in [(0.1, 0.02, 0.5, 0.8, 1.0), (0.1, 0.02, 0.5, 0.9, 0.7), (0.3, 0.05, 0.4, 0.8, 1.0), (0.02, 0.005, 0.5, 0.8, 1.0)]:
        p2 = baseline + effect
        sigma2 = (baseline * (1 - baseline) / share + p2 * (1 - p2) / (1 - share)) * factor
        z_power = stats.norm.ppf(power)
        if share == 0.5:
            # statsmodels' two-sample normal power with the per-arm standardised effect; nobs1 is one arm.
            es = effect / math.sqrt(sigma2 * share * share)
            fixed = 2 * NormalIndPower().solve_power(effect_size=es, alpha=ALPHA, power=power, ratio=1.0)
        else:
            fixed = sigma2 * (stats.norm.ppf(1 - ALPHA / 2) + z_power) ** 2 / effect**2

        def multiplier(n):
            r = n * rho2
            return math.sqrt((r + 1) / r * math.log((r + 1) / ALPHA**2))

        sequential = optimize.brentq(lambda n: math.sqrt(sigma2 / n) * (multiplier(n) + z_power) - effect, 10, 1e12, xtol=1e-9, rtol=1e-13)

        def detectable(n, mult):
            def gap(d):
                q2 = baseline + d
                s2 = (baseline * (1 - baseline) / share + q2 * (1 - q2) / (1 - share)) * factor
                return math.sqrt(s2 / n) * mult - d
            return optimize.brentq(gap, 1e-9, 1 - baseline - 1e-9, xtol=1e-15)

        n_now = 4000
        out.append({
            "baseline": baseline, "effect": effect, "shareControl": share, "power": power, "varianceFactor": factor,
            "alpha": ALPHA, "rho2": rho2,
            "fixedHorizon": fixed, "sequential": sequential,
            "n": n_now,
            "detectableFixedHorizon": detectable(n_now, stats.norm.ppf(1 - ALPHA / 2) + z_power),
            "detectableSequential": detectable(n_now, multiplier(n_now) + z_power),
        })
    return out


def main():
    two_arm = bayesian_two_arm()
    many = bayesian_many_arms()
    monte_carlo_check(two_arm, many)
    fixtures = {
        "generatedBy": "packages/collector/test/reference/experiment_stats.py",
        "versions": {"numpy": np.__version__, "scipy": __import__("scipy").__version__, "statsmodels": sm.__version__ if hasattr(sm, "__version__") else __import__("statsmodels").__version__},
        "alpha": ALPHA,
        "prior": {"alpha": PRIOR[0], "beta": PRIOR[1]},
        "fixedHorizon": fixed_horizon(),
        "wilson": wilson(),
        "sequential": sequential(),
        "cuped": cuped(),
        "bayesianTwoArm": two_arm,
        "bayesianManyArms": many,
        "holm": holm(),
        "srm": srm(),
        "planning": planning(),
    }
    with open(OUT, "w") as f:
        json.dump(fixtures, f, indent=1)
        f.write("\n")
    # The repository's formatter keeps the committed file stable (and readable in review).
    subprocess.run(["npx", "prettier", "--write", OUT], check=False, capture_output=True)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
