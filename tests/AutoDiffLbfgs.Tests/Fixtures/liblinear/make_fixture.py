"""Reference optimum of LIBLINEAR's primal trust-region Newton (-s 0) on the breast-cancer fixture.

LIBLINEAR minimises f(w) = C * sum_i log(1 + exp(-y_i w.x~_i)) + 0.5 * ||w||^2 with x~_i = [x_i, 1] when -B 1
(the bias weight is last and IS regularised), y_i = +1 for label 1 (benign) and -1 for 0. Run:

    /usr/bin/python3 make_fixture.py ../logreg/breast_cancer_std.csv

It writes breast_cancer.svm (temporary), runs /usr/bin/liblinear-train, keeps the model as breast_cancer_c1.model and
writes breast_cancer_c1.json with f at LIBLINEAR's weights and L*, f after Newton polishing with scipy (for the gap).
"""
import csv, json, subprocess, sys
import numpy as np
from scipy.optimize import minimize

C = 1.0
rows = list(csv.reader(open(sys.argv[1])))[1:]
X = np.array([[float(v) for v in r[:-1]] + [1.0] for r in rows])
y = np.array([1.0 if float(r[-1]) == 1 else -1.0 for r in rows])
with open("/tmp/breast_cancer.svm", "w") as f:
    for r, label in zip(rows, y):
        f.write(("+1" if label > 0 else "-1") + " " + " ".join(f"{j + 1}:{v}" for j, v in enumerate(r[:-1])) + "\n")
log = subprocess.run(["liblinear-train", "-s", "0", "-c", str(C), "-e", "1e-12", "-B", "1",
                "/tmp/breast_cancer.svm", "breast_cancer_c1.model"], check=True, capture_output=True, text=True).stdout
steps = [l.split() for l in log.splitlines() if l.startswith("iter")]
cg = sum(int(t[t.index("CG") + 1]) for t in steps)
lines = open("breast_cancer_c1.model").read().split("\n")
assert "label 1 -1" in lines, "LIBLINEAR's first label must be +1 so w scores the benign class"
w_lib = np.array([float(v) for v in lines[lines.index("w") + 1:] if v.strip()])

def f(w):
    return C * np.sum(np.logaddexp(0, -y * (X @ w))) + 0.5 * w @ w

def g(w):
    s = 1 / (1 + np.exp(y * (X @ w)))
    return -C * X.T @ (y * s) + w

def hessp(w, v):
    s = 1 / (1 + np.exp(-y * (X @ w)))
    return C * X.T @ (s * (1 - s) * (X @ v)) + v

polished = minimize(f, w_lib, jac=g, hessp=hessp, method="trust-ncg", options={"gtol": 1e-13}).x
json.dump({"C": C, "bias": 1, "liblinear_iterations": len(steps), "liblinear_cg_iterations": cg, "f_liblinear": f(w_lib), "grad_norm_liblinear": float(np.linalg.norm(g(w_lib))),
           "f_star": f(polished), "grad_norm_star": float(np.linalg.norm(g(polished)))},
          open("breast_cancer_c1.json", "w"), indent=1)
