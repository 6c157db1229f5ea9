namespace AutoDiffLbfgs.Tests.Mgh;

/// <summary>One MGH problem at one size, with the minima the paper publishes and type-erased entry points.</summary>
/// <param name="Name">Display name.</param>
/// <param name="ReferenceKey">The problem's name in the liblbfgs/scipy reference CSVs, or null when they do not cover it.</param>
/// <param name="Dimension">Number of variables.</param>
/// <param name="Minima">Published minimum values (the global one first; local minima a solver may legitimately reach after it).</param>
/// <param name="Solve">Solves from the standard start with the given options; returns the result and the final x.</param>
/// <param name="Objective">The objective as a struct boxed behind the interface, for gradient checks.</param>
/// <param name="StartingPoint">The standard starting point.</param>
public sealed record MghCase(
    string Name,
    string? ReferenceKey,
    int Dimension,
    double[] Minima,
    Func<LbfgsOptions, (LbfgsResult Result, double[] X)> Solve,
    IMghProblem Objective,
    double[] StartingPoint)
{
    /// <summary>Makes a case for a problem struct; the solve is generic over the concrete struct type.</summary>
    public static MghCase Create<TProblem>(string name, string? referenceKey, TProblem problem, params double[] minima)
        where TProblem : struct, IMghProblem
    {
        return new MghCase(name, referenceKey, problem.Dimension, minima, options =>
        {
            double[] x = problem.StartingPoint();
            var result = Lbfgs.Minimize(problem, x.AsSpan(), options);
            return (result, x);
        }, problem, problem.StartingPoint());
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (n={Dimension})";
}
