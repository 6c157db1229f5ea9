"""Records ASE 3.22.1 LBFGS on a periodic Lennard-Jones crystal with a vacancy (positions only, alpha 300: with
ASE's default alpha 70 the first steps overshoot on this stiff crystal and the run diverges).

Run with Debian's python3-ase: /usr/bin/python3 make_periodic.py (in this folder). Writes
fcc_vacancy__{sharp,smooth}.json (every step: positions, forces, energy) and fcc_vacancy__start.extxyz /
fcc_vacancy__relaxed_sharp.extxyz (ASE's extended-XYZ writer, cell and pbc, forces column).
"""
import json
import ase
import numpy as np
from ase.build import bulk
from ase.calculators.lj import LennardJones
from ase.io import write
from ase.optimize import LBFGS

assert ase.__version__ == "3.22.1", ase.__version__


def start():
    # 2x2x2 conventional fcc cells (32 sites) at a = 1.56 sigma, one atom removed, rattled with a fixed seed.
    atoms = bulk("Ar", "fcc", a=1.56, cubic=True).repeat((2, 2, 2))
    del atoms[5]
    atoms.rattle(stdev=0.02, seed=17)
    return atoms


def record(name, rc, smooth):
    atoms = start()
    atoms.calc = LennardJones(sigma=1.0, epsilon=1.0, rc=rc, smooth=smooth)
    opt = LBFGS(atoms, logfile=None, alpha=300.0)
    steps = []

    def log():
        steps.append({
            "step": opt.nsteps,
            "energy": atoms.get_potential_energy(),
            "fmax": float(np.sqrt((atoms.get_forces() ** 2).sum(axis=1).max())),
            "positions": atoms.get_positions().tolist(),
            "forces": atoms.get_forces().tolist(),
        })

    opt.attach(log, interval=1)
    converged = opt.run(fmax=1e-4, steps=500)
    out = {
        "case": "fcc_vacancy", "rc": rc, "smooth": smooth, "ro": 0.66 * rc,
        "optimizer_params": {"maxstep": 0.2, "memory": 100, "damping": 1.0, "alpha": 300.0},
        "fmax": 1e-4, "cell": atoms.cell.array.tolist(), "pbc": atoms.pbc.tolist(),
        "initial_positions": steps[0]["positions"], "converged": bool(converged), "nsteps": opt.nsteps,
        "steps": steps,
    }
    with open(f"fcc_vacancy__{name}.json", "w") as f:
        json.dump(out, f)
    return atoms


def main():
    write("fcc_vacancy__start.extxyz", start(), format="extxyz")
    relaxed = record("sharp", 2.5, False)
    write("fcc_vacancy__relaxed_sharp.extxyz", relaxed, format="extxyz")
    record("smooth", 2.5, True)


if __name__ == "__main__":
    main()
