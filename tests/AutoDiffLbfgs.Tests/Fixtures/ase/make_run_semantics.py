"""Records ASE 3.22.1 run semantics on the lj13 start of lj13_ico__default.json (LennardJones rc=100, no cell):

- fixed_steps: LBFGS and FIRE with opt.run(fmax=0, steps=25): fmax 0 never converges, so exactly 25 steps;
- memory0: LBFGS(memory=0), ASE's plain scaled gradient steps forces/alpha capped at maxstep, 40 steps (fmax 0.05
  is not reached: 500 steps do not reach it either);
- resume: one LBFGS run(fmax=0.05) then run(fmax=1e-4) on the same optimizer (its memory kept).

Run: /usr/bin/python3 make_run_semantics.py (in this folder). Writes run_semantics.json: per run, the positions at
steps 0-3, every 5th step and the last of each run() call (no forces: the tests recompute them), the energy at every step, and ASE's
nsteps after each run() call.
"""
import json
import ase
import numpy as np
from ase import Atoms
from ase.calculators.lj import LennardJones
from ase.optimize import FIRE, LBFGS

assert ase.__version__ == "3.22.1", ase.__version__

LJ13 = json.load(open("lj13_ico__default.json"))["initial_positions"]


def record(make, runs):
    atoms = Atoms("Ar13", positions=LJ13)
    atoms.calc = LennardJones(sigma=1.0, epsilon=1.0, rc=100.0)
    opt = make(atoms)
    frames = []
    energies = []

    def log():
        energies.append(atoms.get_potential_energy())
        # Positions at a few steps keep the file small: 0-3, every 5th, and (below) the last of each run().
        if opt.nsteps < 4 or opt.nsteps % 5 == 0:
            frames.append({"step": opt.nsteps, "positions": atoms.get_positions().tolist()})

    opt.attach(log, interval=1)
    calls = []
    for fmax, steps in runs:
        converged = opt.run(fmax=fmax, steps=steps)
        calls.append({"fmax": fmax, "steps": steps, "converged": bool(converged), "nsteps": opt.nsteps})
        if frames[-1]["step"] != opt.nsteps:
            frames.append({"step": opt.nsteps, "positions": atoms.get_positions().tolist()})
    return {"calls": calls, "energies": energies, "frames": frames}


out = {
    "lbfgs_fixed_steps": record(lambda a: LBFGS(a, logfile=None), [(0.0, 25)]),
    "fire_fixed_steps": record(lambda a: FIRE(a, logfile=None), [(0.0, 25)]),
    "lbfgs_memory0": record(lambda a: LBFGS(a, logfile=None, memory=0), [(0.05, 40)]),
    "lbfgs_resume": record(lambda a: LBFGS(a, logfile=None), [(0.05, None), (1e-4, None)]),
}
with open("run_semantics.json", "w") as f:
    json.dump(out, f)
for k, v in out.items():
    print(k, v["calls"], len(v["frames"]))
