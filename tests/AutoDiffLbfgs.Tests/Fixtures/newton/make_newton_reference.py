#!/usr/bin/python3
"""Reference runs of scipy's trust-ncg and Newton-CG on MGH problems (issue 16).

Run with Debian's /usr/bin/python3 (scipy 1.10.1, sympy 1.11.1):
    /usr/bin/python3 make_newton_reference.py > mgh_scipy_newton.csv
Gradients and Hessians are exact (sympy); Hessian-vector products are H(x) @ v. The problem definitions and start
points are those of tests/AutoDiffLbfgs.Tests/Mgh/Problems (Moré, Garbow, Hillstrom, ACM TOMS 7(1), 1981).
"""
import csv, sys
import numpy as np
import scipy, sympy as sp
from scipy.optimize import minimize


def problems():
    def rosen(n):
        x = sp.symbols(f"x0:{n}")
        f = sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(0, n, 2))
        return "ext_rosenbrock", x, f, [-1.2 if i % 2 == 0 else 1.0 for i in range(n)]
    yield rosen(2)
    x = sp.symbols("x0:2")
    a, b = x
    yield "freudenstein_roth", x, (-13 + a + ((5 - b) * b - 2) * b) ** 2 + (-29 + a + ((b + 1) * b - 14) * b) ** 2, [0.5, -2.0]
    yield "brown_badly_scaled", x, (a - 10**6) ** 2 + (b - sp.Rational(2, 10**6)) ** 2 + (a * b - 2) ** 2, [1.0, 1.0]
    y = [sp.Rational(3, 2), sp.Rational(9, 4), sp.Rational(21, 8)]
    yield "beale", x, sum((y[i - 1] - a * (1 - b ** i)) ** 2 for i in (1, 2, 3)), [1.0, 1.0]
    x = sp.symbols("x0:4")
    yield "ext_powell_singular", x, (x[0] + 10 * x[1]) ** 2 + 5 * (x[2] - x[3]) ** 2 + (x[1] - 2 * x[2]) ** 4 + 10 * (x[0] - x[3]) ** 4, [3.0, -1.0, 0.0, 1.0]
    yield "wood", x, (100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2 + 90 * (x[3] - x[2] ** 2) ** 2 + (1 - x[2]) ** 2
                      + 10 * (x[1] + x[3] - 2) ** 2 + (x[1] - x[3]) ** 2 / 10), [-3.0, -1.0, -3.0, -1.0]
    yield rosen(10)
    n = 10
    x = sp.symbols(f"x0:{n}")
    c = sum(sp.cos(v) for v in x)
    yield "trigonometric", x, sum((n - c + (i + 1) * (1 - sp.cos(x[i])) - sp.sin(x[i])) ** 2 for i in range(n)), [1.0 / n] * n
    s = sum((j + 1) * (x[j] - 1) for j in range(n))
    yield "variably_dimensioned", x, sum((v - 1) ** 2 for v in x) + s ** 2 + s ** 4, [1 - (j + 1) / n for j in range(n)]
    yield "penalty_I", x, sum(sp.Rational(1, 10**5) * (v - 1) ** 2 for v in x) + (sum(v * v for v in x) - sp.Rational(1, 4)) ** 2, [float(j + 1) for j in range(n)]


def main():
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["solver", "problem", "n", "success", "nit", "nfev", "njev", "nhev", "f_final", "gnorm2_final"])
    for name, x, f, x0 in problems():
        fn = sp.lambdify([x], f, "numpy")
        gr = sp.lambdify([x], [sp.diff(f, v) for v in x], "numpy")
        he = sp.lambdify([x], sp.hessian(f, x), "numpy")
        fun = lambda z: float(fn(z))
        jac = lambda z: np.array(gr(z), dtype=float)
        hessp = lambda z, p: np.array(he(z), dtype=float) @ p
        for method, opts in (("trust-ncg", {"gtol": 1e-5, "maxiter": 10000}), ("Newton-CG", {"xtol": 1e-5, "maxiter": 10000})):
            r = minimize(fun, np.array(x0), jac=jac, hessp=hessp, method=method, options=opts)
            out.writerow([f"scipy-{scipy.__version__}-{method}", name, len(x0), int(r.success), r.nit, r.nfev, r.njev,
                          r.get("nhev", 0), repr(float(r.fun)), repr(float(np.linalg.norm(jac(r.x))))])


if __name__ == "__main__":
    main()
