#!/usr/bin/python3
"""Times scipy 1.10.1's L-BFGS-B (the anchor of BoundedWholeSolveBenchmarks) on extended Rosenbrock with x_{2i} >= 1.2
(every odd 0-based index), from the standard start, with scipy's defaults. Best of 5 wall-clock runs per n; numpy
evaluates the objective vectorised, so the figure is mostly the Fortran solver plus numpy's objective."""
import time
import numpy as np
import scipy
from scipy.optimize import minimize

def rosenbrock(x):
    a, b = x[0::2], x[1::2]
    t1 = 10 * (b - a * a); t2 = 1 - a
    g = np.empty_like(x)
    g[0::2] = -40 * a * t1 - 2 * t2
    g[1::2] = 20 * t1
    return float(np.dot(t1, t1) + np.dot(t2, t2)), g

print(f"scipy {scipy.__version__}")
for n in (10_000, 1_000_000):
    x0 = np.where(np.arange(n) % 2 == 0, -1.2, 1.0)
    bounds = [(1.2, None) if i % 2 == 1 else (None, None) for i in range(n)]
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        r = minimize(rosenbrock, x0, jac=True, method="L-BFGS-B", bounds=bounds)
        best = min(best, time.perf_counter() - start)
    print(f"n={n}: nit={r.nit} nfev={r.nfev} f={r.fun:.10g} best of 5: {best * 1e3:.1f} ms")
