"""LIBLINEAR -s 0 references on the sparse synthetic logistic-regression sets (the data are regenerated in C# from the
seed, so only these numbers are committed). Run from this folder with Debian's liblinear-dev and python3-scipy:

    /usr/bin/python3 make_sparse_reference.py

For each set it builds and runs make_sparse_reference.c (LIBLINEAR 2.3 trained for eps = 1e-1 .. 1e-12, the shortest
of REPEATS wall times of train() per eps, f at each returned w), then polishes LIBLINEAR's tightest weights with scipy
trust-ncg on the dumped data and records the polished f as f_star, next to the eps whose f first lies within
1e-10 * f_star of it (LIBLINEAR's time and CG count to that accuracy). Writes sparse_<name>.json.
"""
import json, os, subprocess
import numpy as np
import scipy
from scipy.optimize import minimize
from scipy.sparse import csr_matrix, hstack

SETS = {  # name: rows, features, density (1 in DENSITY entries nonzero), levels (column scales 2^-(j % LEVELS)), seed, C, repeats
    "small": (2000, 100, 8, 1, 16, 1.0, 3),
    "small_scaled": (2000, 100, 8, 8, 17, 1.0, 3),
    "large": (100000, 1000, 16, 1, 2027, 1.0, 3),
    "large_scaled": (100000, 1000, 16, 8, 2028, 1.0, 3),
}

subprocess.run(["cc", "-O2", "-o", "/tmp/make_sparse_reference", "make_sparse_reference.c", "-llinear", "-lm"], check=True)
for name, (rows, features, density, levels, seed, c, repeats) in SETS.items():
    prefix = f"/tmp/sparse_{name}_"
    out = subprocess.run(["/tmp/make_sparse_reference", str(rows), str(features), str(density), str(levels), str(seed), str(c), str(repeats), prefix],
                         check=True, capture_output=True, text=True).stdout
    ref = json.loads(out)
    row_start = np.fromfile(prefix + "row_start.i32", dtype="<i4")
    columns = np.fromfile(prefix + "columns.i32", dtype="<i4")
    values = np.fromfile(prefix + "values.f64", dtype="<f8")
    y = np.fromfile(prefix + "signs.f64", dtype="<f8")
    w_lib = np.fromfile(prefix + "w.f64", dtype="<f8")
    X = hstack([csr_matrix((values, columns, row_start), shape=(rows, features)), np.ones((rows, 1))]).tocsr()

    def f(w):
        return c * np.sum(np.logaddexp(0, -y * (X @ w))) + 0.5 * w @ w

    def g(w):
        return -c * (X.T @ (y / (1 + np.exp(y * (X @ w))))) + w

    def hessp(w, v):
        s = 1 / (1 + np.exp(-y * (X @ w)))
        return c * (X.T @ (s * (1 - s) * (X @ v))) + v

    polished = minimize(f, w_lib, jac=g, hessp=hessp, method="trust-ncg", options={"gtol": 1e-9 * max(1, np.linalg.norm(g(np.zeros_like(w_lib))))}).x
    f_star = min(f(polished), f(w_lib))
    reached = next(r for r in ref["runs"] if r["f"] - f_star <= 1e-10 * abs(f_star))
    ref.update({"scipy": scipy.__version__, "f_liblinear_tightest": f(w_lib), "f_star": f_star,
                "grad_norm_star": float(np.linalg.norm(g(polished))), "grad_norm_at_zero": float(np.linalg.norm(g(np.zeros_like(w_lib)))),
                "to_1e-10": reached})
    with open(f"sparse_{name}.json", "w") as file:
        json.dump(ref, file, indent=1)
        file.write("\n")
    for part in ("row_start.i32", "columns.i32", "values.f64", "signs.f64", "w.f64"):
        os.remove(prefix + part)
    print(name, "f* =", f_star, "LIBLINEAR reaches it at eps", reached["eps"], "in", reached["seconds"], "s")
