namespace AutoDiffLbfgs.Tests.Mgh;

/// <summary>
/// A Moré–Garbow–Hillstrom test problem (J. J. Moré, B. S. Garbow, K. E. Hillstrom, "Testing unconstrained
/// optimization software", ACM TOMS 7(1), 1981) with its analytic gradient. Numbers in the doc comments are the
/// paper's problem numbers.
/// </summary>
public interface IMghProblem : IDifferentiableObjective<double>
{
    /// <summary>Number of variables.</summary>
    int Dimension { get; }

    /// <summary>The paper's standard starting point x₀.</summary>
    double[] StartingPoint();
}
