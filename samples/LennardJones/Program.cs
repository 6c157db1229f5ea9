// Relaxes Lennard-Jones clusters in ASE mode: first exactly as ASE 3.22 would (same steps), then a random 100-atom
// cluster on which ASE's rule cycles and the backtracking safeguard converges. Writes the relaxed structures as .xyz.
using System.Diagnostics;
using AutoDiffLbfgs.Ase;
using AutoDiffLbfgs.IO;

string outputDirectory = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
Directory.CreateDirectory(outputDirectory);
var lj = new LennardJonesObjective();

// 1. The shipped 38-atom start, with the settings of the recorded ASE run.
XyzFrame start = XyzFile.Read(Path.Combine(AppContext.BaseDirectory, "lj38.xyz"));
var options = new AseLbfgsOptions { Alpha = 150, Fmax = 1e-4 };
var clock = Stopwatch.StartNew();
AseRelaxationResult result = AseRelaxation.Relax(lj, start.Positions, options, step =>
{
    if (step.Step % 25 == 0) Console.WriteLine($"LBFGS: {step.Step,4} {step.Energy,16:F6} {step.Fmax,12:F4}");
});
clock.Stop();
Console.WriteLine($"LJ38, ASE rule: {result.Termination} after {result.Steps} steps (ASE 3.22.1: 147), " +
                  $"E = {result.Energy:F10}, fmax = {result.Fmax:0.00e+0}, {clock.Elapsed.TotalMilliseconds:F1} ms");
string relaxed38 = Path.Combine(outputDirectory, "lj38-relaxed.xyz");
XyzFile.Write(relaxed38, new XyzFrame(start.Symbols, start.Positions, $"relaxed E={result.Energy:R} steps={result.Steps}"));

// 2. A random 100-atom cluster: ASE's rule does not converge, the safeguard does.
double[] cluster = RandomCluster.Create(100, seed: 1);
double[] ase = (double[])cluster.Clone();
AseRelaxationResult strict = AseRelaxation.Relax(lj, ase, new AseLbfgsOptions { MaxSteps = 1500 });
Console.WriteLine($"LJ100, ASE rule: {strict.Termination} after {strict.Steps} steps, fmax still {strict.Fmax:F2}");
clock.Restart();
AseRelaxationResult guarded = AseRelaxation.Relax(lj, cluster, new AseLbfgsOptions { MaxSteps = 1500, Safeguard = AseSafeguard.Backtracking });
clock.Stop();
Console.WriteLine($"LJ100, backtracking safeguard: {guarded.Termination} after {guarded.Steps} steps and " +
                  $"{guarded.Evaluations} evaluations, E = {guarded.Energy:F6}, {clock.Elapsed.TotalMilliseconds:F1} ms");
string relaxed100 = Path.Combine(outputDirectory, "lj100-relaxed.xyz");
XyzFile.Write(relaxed100, new XyzFrame(Enumerable.Repeat("Ar", 100).ToArray(), cluster, $"relaxed E={guarded.Energy:R}"));
Console.WriteLine($"Wrote {relaxed38} and {relaxed100}");
return result.Converged && guarded.Converged ? 0 : 1;
