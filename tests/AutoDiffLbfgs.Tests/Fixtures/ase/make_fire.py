"""Records ASE 3.22.1 FIRE (its defaults: dt 0.1, maxstep 0.2, dtmax 1.0, Nmin 5, finc 1.1, fdec 0.5, astart 0.1,
fa 0.99, a 0.1) on the lj13 start of lj13_ico__default.json (LennardJones rc=100, no cell) and on the periodic fcc
vacancy start of make_periodic.py (rc=2.5, sharp). Run: /usr/bin/python3 make_fire.py (in this folder).
Writes fire_lj13.json and fire_fcc_vacancy.json: every step's positions, forces, energy and FIRE's dt, a after it.
"""
import json
import ase
import numpy as np
from ase import Atoms
from ase.calculators.lj import LennardJones
from ase.optimize import FIRE
from make_periodic import start

assert ase.__version__ == "3.22.1", ase.__version__


def record(name, atoms, rc, fmax, steps):
    atoms.calc = LennardJones(sigma=1.0, epsilon=1.0, rc=rc)
    opt = FIRE(atoms, logfile=None)
    out_steps = []

    def log():
        f = atoms.get_forces()
        out_steps.append({
            "step": opt.nsteps, "energy": atoms.get_potential_energy(),
            "fmax": float(np.sqrt((f ** 2).sum(axis=1).max())),
            "positions": atoms.get_positions().tolist(), "forces": f.tolist(),
        })

    opt.attach(log, interval=1)
    converged = opt.run(fmax=fmax, steps=steps)
    out = {"case": name, "rc": rc, "smooth": False, "ro": 0.66 * rc, "fmax": fmax, "max_steps": steps,
           "cell": atoms.cell.array.tolist(), "pbc": atoms.pbc.tolist(), "converged": bool(converged),
           "nsteps": opt.nsteps, "final_dt": opt.dt, "final_a": opt.a, "steps": out_steps}
    with open(f"fire_{name}.json", "w") as f:
        json.dump(out, f)
    print(name, opt.nsteps, converged)


lj13 = json.load(open("lj13_ico__default.json"))
record("lj13", Atoms("Ar13", positions=lj13["initial_positions"]), 100.0, 1e-3, 200)
record("fcc_vacancy", start(), 2.5, 1e-3, 200)
