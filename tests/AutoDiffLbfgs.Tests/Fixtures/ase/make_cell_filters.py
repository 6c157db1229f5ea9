"""Records ASE 3.22.1 variable-cell relaxations (UnitCellFilter and ExpCellFilter) of a small strained periodic
Lennard-Jones crystal: 8 atoms (2x1x1 conventional fcc cells at a = 1.56 sigma), the cell sheared and stretched by
(I + eps), the atoms rattled; LennardJones(sigma=1, epsilon=1, rc=2.5, sharp).

Run: /usr/bin/python3 make_cell_filters.py (in this folder). Writes cell_filters.json: per run, the filter settings,
the start (positions, cell), the filter energy and fmax at the recorded steps and the filter's generalised positions
(what the optimizer sees): at every step for LBFGS, at a few steps for FIRE; the filter forces, the cell and the
atoms' positions only at steps 0, 1, the middle and the end, to keep it small.
"""
import json
import ase
import numpy as np
from ase.build import bulk
from ase.calculators.lj import LennardJones
from ase.constraints import ExpCellFilter, UnitCellFilter
from ase.optimize import FIRE, LBFGS

assert ase.__version__ == "3.22.1", ase.__version__

EPS = np.array([[0.03, 0.01, 0.0], [0.01, -0.02, 0.005], [0.0, 0.005, 0.01]])


def start():
    atoms = bulk("Ar", "fcc", a=1.56, cubic=True).repeat((2, 1, 1))
    atoms.set_cell(atoms.cell.array @ (np.eye(3) + EPS), scale_atoms=True)
    atoms.rattle(stdev=0.02, seed=5)
    return atoms


def record(name, kind, settings, optimizer, fmax, max_steps):
    atoms = start()
    atoms.calc = LennardJones(sigma=1.0, epsilon=1.0, rc=2.5, smooth=False)
    filt = (UnitCellFilter if kind == "unit" else ExpCellFilter)(atoms, **settings)
    opt = LBFGS(filt, logfile=None, alpha=300.0) if optimizer == "lbfgs" else FIRE(filt, logfile=None)
    steps = []

    def log():
        f = filt.get_forces()
        steps.append({"step": opt.nsteps, "energy": filt.get_potential_energy(),
                      "fmax": float(np.sqrt((f ** 2).sum(axis=1).max())),
                      "x": filt.get_positions().tolist(), "cell": atoms.cell.array.tolist(),
                      "forces": f.tolist(), "positions": atoms.get_positions().tolist()})

    opt.attach(log, interval=1)
    converged = opt.run(fmax=fmax, steps=max_steps)
    # Forces, cell and Cartesian positions only at steps 0, 1, the middle and the end. LBFGS runs keep the generalised
    # positions of every step (the tests replay each step); FIRE runs (longer, and their state is the velocity) keep
    # them at steps 0-3, every 20th step and the end.
    last = len(steps) - 1
    keep = {0, 1, last // 2, last}
    for s in steps:
        if s["step"] not in keep:
            del s["forces"], s["positions"], s["cell"]
    if optimizer == "fire":
        steps = [s for s in steps if s["step"] < 4 or s["step"] % 20 == 0 or s["step"] in keep]
    a0 = start()
    return {"kind": kind, "settings": {k: (list(map(float, v)) if isinstance(v, (list, tuple)) else v)
                                       for k, v in settings.items()},
            "optimizer": optimizer, "alpha": 300.0, "fmax": fmax, "max_steps": max_steps, "rc": 2.5,
            "start_positions": a0.get_positions().tolist(), "start_cell": a0.cell.array.tolist(),
            "converged": bool(converged), "nsteps": opt.nsteps, "steps": steps}


runs = {
    "ucf": record("ucf", "unit", {}, "lbfgs", 1e-4, 300),
    "ecf": record("ecf", "exp", {}, "lbfgs", 1e-4, 300),
    "ucf_mask_pressure": record("ucf_mask_pressure", "unit",
                                {"mask": [1, 1, 1, 0, 0, 1], "scalar_pressure": 0.5}, "lbfgs", 1e-4, 300),
    "ecf_hydrostatic_pressure": record("ecf_hydrostatic_pressure", "exp",
                                       {"hydrostatic_strain": True, "scalar_pressure": 0.5}, "lbfgs", 1e-4, 300),
    "ucf_constant_volume_fire": record("ucf_constant_volume_fire", "unit", {"constant_volume": True}, "fire", 1e-3, 400),
    "ecf_constant_volume_fire": record("ecf_constant_volume_fire", "exp", {"constant_volume": True}, "fire", 1e-3, 400),
}
with open("cell_filters.json", "w") as f:
    json.dump(runs, f)
for k, v in runs.items():
    print(k, v["nsteps"], v["converged"], v["steps"][0]["energy"], v["steps"][-1]["energy"])
