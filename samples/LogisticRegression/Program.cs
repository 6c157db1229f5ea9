using AutoDiffLbfgs;
using AutoDiffLbfgs.Newton;
using AutoDiffLbfgs.Stochastic;
using LogisticRegression;

// Trains L2-regularized logistic regression on the standardized Wisconsin breast-cancer data with the stochastic
// quasi-Newton solver, compares it with plain SGD (same batches and steps), with classic L-BFGS and with Newton–CG on
// the full sum, writes the convergence plot, and finally trains a sparse L1-regularized model with OWL-QN.
// Usage: dotnet run --project samples/LogisticRegression -c Release [-- plot.png]

const double Lambda = 0.01;
const double OptimalLoss = 0.0995913754847055; // reference optimum (scipy L-BFGS-B, Newton-polished)
const double PassBudget = 100; // both stochastic runs stop after this many data passes
string plotPath = args.Length > 0 ? args[0] : "logistic-regression-convergence.png";

DataSet data = DataSet.Load(Path.Combine(AppContext.BaseDirectory, "Data", "breast_cancer_std.csv"));
int n = data.FeatureCount + 1, termCount = data.Count;
var terms = new Model.LossTerms(termCount, data.Features, data.Labels, Lambda);
var full = new FullSumObjective<double, Model.LossTerms>(terms, n);
double Gap(ReadOnlySpan<double> w) => full.Value(w) - OptimalLoss;

Console.WriteLine($"{termCount} samples, {data.FeatureCount} features, λ = {Lambda}; L* = {OptimalLoss}");

// Ctrl+C stops the run in progress; each solver returns its last iterate and the plot is written with what was done.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// SQN: batches of 20 terms, curvature pairs every L = 10 iterations from 200-term Hessian-vector products.
// The run is made in calls of L iterations chained by warm restart, so the loss can be printed between them.
ConvergenceTrace Train(string name, int l)
{
    var trace = new ConvergenceTrace(name);
    var w = new double[n];
    StochasticLbfgsState<double>? state = null;
    double passes = 0;
    trace.Add(0, Gap(w));
    double nextReport = 10;
    while (passes < PassBudget && !cancel.IsCancellationRequested)
    {
        var options = new StochasticLbfgsOptions
        {
            NIterations = 10,
            BatchSize = 20,
            CorrectionPairBatchSize = 200,
            L = l,
            StepLengthSequence = [0.02],
            AccuracyThreshold = 0,
        };
        var result = StochasticLbfgs.Minimize(terms, w.AsSpan(), options, state, cancel.Token);
        state = result.State;
        passes += result.DataPasses(termCount);
        trace.Add(passes, Gap(w));
        if (passes >= nextReport)
        {
            nextReport += 10;
            Console.WriteLine($"  {name}: iteration {state.LastIteration,5}  passes {passes,6:F1}  L − L* = {trace.Gaps[^1]:E2}  pairs {state.StoredPairCount}  accuracy {data.Accuracy(w):P1}");
        }
    }
    return trace;
}

Console.WriteLine("Stochastic quasi-Newton (SQN):");
ConvergenceTrace sqn = Train("SQN (b = 20, b_H = 200, L = 10, α = 0.02)", l: 10);
Console.WriteLine("Plain SGD, same batches and steps (L beyond the run keeps every step in the SGD phase):");
ConvergenceTrace sgd = Train("SGD (b = 20, α = 0.02)", l: 1_000_000);

// Classic L-BFGS on the full sum: one data pass per evaluation of L and ∇L.
var classic = new ConvergenceTrace("classic L-BFGS (full gradient, Moré–Thuente)");
var wClassic = new double[n];
var counting = new CountingObjective(full);
classic.Add(0, Gap(wClassic));
var classicResult = Lbfgs.Minimize<double, CountingObjective>(counting, wClassic, new LbfgsOptions
{
    RelativeGradientTolerance = 1e-8,
    Callback = p =>
    {
        classic.Add(counting.Evaluations, p.Value - OptimalLoss);
        return true;
    },
}, cancel.Token);
Console.WriteLine($"Classic L-BFGS: {classicResult.Termination} after {classicResult.Iterations} iterations, {classicResult.Evaluations} passes, L − L* = {Gap(wClassic):E2}, accuracy {data.Accuracy(wClassic):P1}");

// Newton–CG on the same objective: switching from L-BFGS is the one line below. The generated LossTerms already carry
// the Hessian-vector product (one data pass each) that its conjugate-gradient steps use.
var newton = new ConvergenceTrace("Newton–CG (trust region, generated Hessian-vector products)");
var wNewton = new double[n];
var countingNewton = new CountingObjective(full);
newton.Add(0, Gap(wNewton));
var newtonOptions = new NewtonCgOptions
{
    RelativeGradientTolerance = 1e-8,
    Callback = p =>
    {
        newton.Add(countingNewton.Evaluations, p.Value - OptimalLoss);
        return true;
    },
};
var newtonResult = NewtonCg.Minimize<double, CountingObjective>(countingNewton, wNewton, newtonOptions, cancel.Token);
Console.WriteLine($"Newton–CG: {newtonResult.Termination} after {newtonResult.Iterations} iterations, {newtonResult.Evaluations} evaluations + {newtonResult.HessianVectorProducts} Hessian-vector products = {countingNewton.Evaluations} passes, L − L* = {Gap(wNewton):E2}, accuracy {data.Accuracy(wNewton):P1}");

// A sparse model: L1 instead of L2. The same term struct with λ = 0 through FullSumObjective, and the L1 term
// C·Σ|wⱼ| on the features (not the intercept, last) handled by OWL-QN; weights the penalty removes are exactly zero.
const double L1Penalty = 0.01;
var sparseFull = new FullSumObjective<double, Model.LossTerms>(new Model.LossTerms(termCount, data.Features, data.Labels, 0), n);
var wSparse = new double[n];
var sparseResult = Lbfgs.Minimize(sparseFull, wSparse.AsSpan(), new LbfgsOptions
{
    L1Penalty = L1Penalty,
    L1End = data.FeatureCount,
    RelativeGradientTolerance = 1e-8,
}, cancel.Token);
int nonzero = wSparse[..^1].Count(v => v != 0);
Console.WriteLine($"L1-regularized (OWL-QN, C = {L1Penalty}): {sparseResult.Termination} after {sparseResult.Iterations} iterations, F = {sparseResult.Value:F9}, {nonzero} of {data.FeatureCount} weights nonzero, accuracy {data.Accuracy(wSparse):P1}");
Console.WriteLine($"  nonzero feature columns: {string.Join(", ", Enumerable.Range(0, data.FeatureCount).Where(j => wSparse[j] != 0))}");

ConvergencePlot.Save(plotPath, [sqn, sgd, classic, newton], "Logistic regression, breast-cancer data (N = 569, n = 31)");
Console.WriteLine($"Wrote {Path.GetFullPath(plotPath)}");
