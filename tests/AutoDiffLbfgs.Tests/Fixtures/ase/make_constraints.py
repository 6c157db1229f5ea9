"""Records ASE 3.22.1 LBFGS (alpha 300, else defaults) and FIRE (defaults) on a Lennard-Jones fcc(100) slab,
periodic in x and y, with FixAtoms on its two bottom layers and FixCartesian(mask=(1, 0, 1)) on one surface atom
(fixed in x and z, free in y). Run: /usr/bin/python3 make_constraints.py (in this folder). Writes
slab_fixed__lbfgs.json and slab_fixed__fire.json with the constrained forces ASE uses (get_forces applies them).
"""
import json
import ase
import numpy as np
from ase.build import fcc100
from ase.calculators.lj import LennardJones
from ase.constraints import FixAtoms, FixCartesian
from ase.optimize import FIRE, LBFGS

assert ase.__version__ == "3.22.1", ase.__version__


def slab():
    atoms = fcc100("Ar", size=(2, 2, 4), a=1.56, vacuum=3.0)
    atoms.rattle(stdev=0.02, seed=23)
    fixed = [i for i, t in enumerate(atoms.get_tags()) if t >= 3]
    surface = [i for i, t in enumerate(atoms.get_tags()) if t == 1][0]
    atoms.set_constraint([FixAtoms(indices=fixed), FixCartesian(surface, mask=(1, 0, 1))])
    return atoms, fixed, surface


def record(name, make_optimizer):
    atoms, fixed, surface = slab()
    atoms.calc = LennardJones(sigma=1.0, epsilon=1.0, rc=2.5)
    opt = make_optimizer(atoms)
    steps = []

    def log():
        f = atoms.get_forces()
        steps.append({"step": opt.nsteps, "energy": atoms.get_potential_energy(),
                      "fmax": float(np.sqrt((f ** 2).sum(axis=1).max())),
                      "positions": atoms.get_positions().tolist(), "forces": f.tolist(),
                      "unconstrained_forces": atoms.get_forces(apply_constraint=False).tolist()})

    opt.attach(log, interval=1)
    converged = opt.run(fmax=1e-3, steps=300)
    out = {"case": "slab_fixed", "rc": 2.5, "smooth": False, "ro": 1.65, "fmax": 1e-3,
           "optimizer_params": {"maxstep": 0.2, "memory": 100, "damping": 1.0, "alpha": 300.0},
           "cell": atoms.cell.array.tolist(), "pbc": atoms.pbc.tolist(), "fixed_atoms": fixed,
           "cartesian_atom": surface, "cartesian_mask": [True, False, True], "converged": bool(converged),
           "nsteps": opt.nsteps, "final_dt": getattr(opt, "dt", 0.0), "final_a": getattr(opt, "a", 0.0),
           "steps": steps}
    with open(f"slab_fixed__{name}.json", "w") as f:
        json.dump(out, f)
    print(name, opt.nsteps, converged, len(atoms))


record("lbfgs", lambda atoms: LBFGS(atoms, logfile=None, alpha=300.0))
record("fire", lambda atoms: FIRE(atoms, logfile=None))
