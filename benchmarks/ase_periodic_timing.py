"""Times ASE 3.22.1 per step on the crystals of AsePeriodicBenchmarks (AsePeriodicBenchmarks.cs): fcc Lennard-Jones,
a = 1.56 sigma, 3x3x3 (108 atoms) and 5x5x10 (1,000 atoms) conventional cells, rattled (numpy's generator, not the
benchmark's: same size and density, not the same numbers), LennardJones(rc=2.5), LBFGS(alpha=300), run(fmax=0), with
the cell fixed and with UnitCellFilter (ExpCellFilter diverges on these crystals with alpha 300: its cell rows have
cell factor 1). Prints the best of three runs per case, in ms per step.

Run: /usr/bin/python3 benchmarks/ase_periodic_timing.py
"""
import time
import ase
from ase.build import bulk
from ase.calculators.lj import LennardJones
from ase.constraints import UnitCellFilter
from ase.optimize import LBFGS

assert ase.__version__ == "3.22.1", ase.__version__


def per_step(repeat, steps, filtered):
    best = float("inf")
    for _ in range(3):
        atoms = bulk("Ar", "fcc", a=1.56, cubic=True).repeat(repeat)
        atoms.rattle(stdev=0.012, seed=1)
        atoms.calc = LennardJones(sigma=1.0, epsilon=1.0, rc=2.5)
        target = UnitCellFilter(atoms) if filtered else atoms
        opt = LBFGS(target, logfile=None, alpha=300.0)
        t0 = time.perf_counter()
        opt.run(fmax=0.0, steps=steps)
        best = min(best, (time.perf_counter() - t0) / steps)
    return best * 1e3


for repeat, steps in [((3, 3, 3), 50), ((5, 5, 10), 10)]:
    n = 4 * repeat[0] * repeat[1] * repeat[2]
    print(f"{n} atoms: fixed cell {per_step(repeat, steps, False):.2f} ms/step, "
          f"UnitCellFilter {per_step(repeat, steps, True):.2f} ms/step")
