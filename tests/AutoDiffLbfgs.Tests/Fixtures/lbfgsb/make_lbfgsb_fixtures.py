#!/usr/bin/python3
"""Reference runs of scipy's L-BFGS-B (scipy 1.10.1, the L-BFGS-B 3.0 Fortran) for the bounded-solver tests.

Run with Debian's /usr/bin/python3 from this folder: it writes lbfgsb_scipy.json. Each problem is solved twice from
the same start: with scipy's defaults (m = 10, gtol = 1e-5, ftol = 2.22e-9, maxls = 20) for the iteration and
evaluation counts, and tight (gtol = 1e-12, ftol = 0) for the final f, x and active set the tests compare against.
Objectives are written out here exactly as the C# tests define them (same formulas, same data)."""
import json, math
import numpy as np
import scipy
from scipy.optimize import minimize

INF = float("inf")

def beale(x):
    y = [1.5, 2.25, 2.625]
    f = 0.0; g = np.zeros(2)
    for i in range(1, 4):
        p = x[1] ** i
        r = y[i - 1] - x[0] * (1 - p)
        f += r * r
        g[0] += -2 * r * (1 - p)
        g[1] += 2 * r * x[0] * i * x[1] ** (i - 1)
    return f, g

def wood(x):
    s90, s10 = math.sqrt(90), math.sqrt(10)
    r1 = 10 * (x[1] - x[0] ** 2); r2 = 1 - x[0]; r3 = s90 * (x[3] - x[2] ** 2); r4 = 1 - x[2]
    r5 = s10 * (x[1] + x[3] - 2); r6 = (x[1] - x[3]) / s10
    g = np.array([2 * r1 * (-20 * x[0]) - 2 * r2,
                  20 * r1 + 2 * r5 * s10 + 2 * r6 / s10,
                  2 * r3 * (-2 * s90 * x[2]) - 2 * r4,
                  2 * r3 * s90 + 2 * r5 * s10 - 2 * r6 / s10])
    return r1*r1 + r2*r2 + r3*r3 + r4*r4 + r5*r5 + r6*r6, g

def helical(x):
    a, b, c = x
    theta = math.atan(b / a) / (2 * math.pi) + (0.5 if a < 0 else 0)
    q = a * a + b * b; radius = math.sqrt(q)
    r1 = 10 * (c - 10 * theta); r2 = 10 * (radius - 1); r3 = c
    da = -b / (2 * math.pi * q); db = a / (2 * math.pi * q)
    g = np.array([2 * r1 * -100 * da + 2 * r2 * 10 * a / radius,
                  2 * r1 * -100 * db + 2 * r2 * 10 * b / radius,
                  2 * r1 * 10 + 2 * r3])
    return r1*r1 + r2*r2 + r3*r3, g

def penalty1(x):
    A = 1e-5
    last = float(np.dot(x, x)) - 0.25
    f = A * float(np.sum((x - 1) ** 2)) + last * last
    return f, 2 * A * (x - 1) + 4 * last * x

def ext_rosenbrock(x):
    g = np.zeros_like(x); f = 0.0
    for i in range(0, len(x), 2):
        t1 = 10 * (x[i + 1] - x[i] ** 2); t2 = 1 - x[i]
        f += t1 * t1 + t2 * t2
        g[i] = -40 * x[i] * t1 - 2 * t2
        g[i + 1] = 20 * t1
    return f, g

def quadratic(a, b):
    def fun(x):
        ax = a @ x
        return 0.5 * float(x @ ax) - float(b @ x), ax - b
    return fun

def box_quadratic(seed, n):
    """½xᵀAx − bᵀx with a designed solution: x* is chosen, a third of the variables sit at a lower or upper bound
    with a multiplier of at least 0.1, and b = Ax* − g* makes x* the KKT point; a few bounds are ±∞."""
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    a = q @ np.diag(np.logspace(0, 3, n)) @ q.T
    a = 0.5 * (a + a.T)
    xstar = rng.uniform(-1, 1, n)
    lower = xstar - rng.uniform(0.1, 1, n); upper = xstar + rng.uniform(0.1, 1, n)
    kind = rng.permutation(np.arange(n) % 3)          # 0 free, 1 at lower, 2 at upper
    gstar = np.zeros(n)
    lower[kind == 1] = xstar[kind == 1]; gstar[kind == 1] = rng.uniform(0.1, 2, (kind == 1).sum())
    upper[kind == 2] = xstar[kind == 2]; gstar[kind == 2] = -rng.uniform(0.1, 2, (kind == 2).sum())
    free = np.flatnonzero(kind == 0)
    lower[free[:3]] = -INF; upper[free[3:6]] = INF
    b = a @ xstar - gstar
    x0 = rng.uniform(-2, 2, n)
    return dict(a=a, b=b, lower=lower, upper=upper, x0=x0, xstar=xstar, kind=kind)

CURVE_T = [0.4 * i for i in range(26)]
def curve_data():
    """y = 2·exp(−0.7t) − 0.05 plus a deterministic ±0.01 wiggle; the fit of a·exp(−kt) + c with c ≥ 0 has c at 0."""
    return [2 * math.exp(-0.7 * t) - 0.05 + 0.01 * math.sin(3.1 * i) for i, t in enumerate(CURVE_T)]

def curve_fit(x):
    a, k, c = x; y = curve_data()
    f = 0.0; g = np.zeros(3)
    for t, yi in zip(CURVE_T, y):
        e = math.exp(-k * t); r = a * e + c - yi
        f += 0.5 * r * r
        g += r * np.array([e, -a * t * e, 1.0])
    return f, g

def run(name, fun, x0, lower, upper, extra=None):
    bounds = list(zip([None if v == -INF else v for v in lower], [None if v == INF else v for v in upper]))
    out = {"name": name, "n": len(x0), "x0": list(map(float, x0)),
           "lower": [("-inf" if v == -INF else float(v)) for v in lower],
           "upper": [("inf" if v == INF else float(v)) for v in upper]}
    d = minimize(fun, np.array(x0, float), jac=True, method="L-BFGS-B", bounds=bounds)
    out["default"] = {"nit": int(d.nit), "nfev": int(d.nfev), "f": float(d.fun), "message": str(d.message)}
    t = minimize(fun, np.array(x0, float), jac=True, method="L-BFGS-B", bounds=bounds,
                 options={"gtol": 1e-12, "ftol": 0.0, "maxiter": 100000, "maxfun": 100000})
    active = [i for i in range(len(x0)) if t.x[i] == lower[i] or t.x[i] == upper[i]]
    out["tight"] = {"nit": int(t.nit), "nfev": int(t.nfev), "f": float(t.fun), "x": list(map(float, t.x)),
                    "active": active, "message": str(t.message)}
    if extra: out.update(extra)
    return out

problems = []
problems.append(run("beale_x2_le_0.3", beale, [1, 1], [-INF, -INF], [INF, 0.3]))
problems.append(run("wood_le_0.9", wood, [-3, -1, -3, -1], [-INF] * 4, [0.9] * 4))
problems.append(run("helical_x3_ge_0.2", helical, [-1, 0, 0], [-INF, -INF, 0.2], [INF] * 3))
problems.append(run("penalty1_10_first5_ge_0.2", penalty1, list(range(1, 11)), [0.2] * 5 + [-INF] * 5, [INF] * 10))
n = 100
problems.append(run("ext_rosenbrock_100_odd_ge_1.2", ext_rosenbrock, [-1.2 if i % 2 == 0 else 1.0 for i in range(n)],
                    [1.2 if i % 2 == 1 else -INF for i in range(n)], [INF] * n))
for seed in (1, 2, 3):
    q = box_quadratic(seed, 30)
    problems.append(run(f"box_quadratic_30_seed{seed}", quadratic(q["a"], q["b"]), q["x0"], q["lower"], q["upper"],
                        {"a": q["a"].ravel().tolist(), "b": q["b"].tolist(), "xstar": q["xstar"].tolist(),
                         "designed_active": [int(i) for i in np.flatnonzero(q["kind"] != 0)]}))
problems.append(run("curve_fit_c_ge_0", curve_fit, [1.0, 1.0, 0.5], [-INF, 0.0, 0.0], [INF, INF, INF],
                    {"t": CURVE_T, "y": curve_data()}))

with open("lbfgsb_scipy.json", "w") as fh:
    json.dump({"tool": f"scipy {scipy.__version__} L-BFGS-B", "problems": problems}, fh, indent=1)
for p in problems:
    print(p["name"], p["default"]["nit"], p["default"]["nfev"], p["default"]["f"], p["tight"]["f"], p["tight"]["active"][:12], p["tight"]["message"])
