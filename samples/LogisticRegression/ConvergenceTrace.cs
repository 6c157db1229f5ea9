namespace LogisticRegression;

/// <summary>One curve of the convergence plot: the optimality gap L(w) − L* against the data passes spent so far.</summary>
/// <param name="Name">Legend text.</param>
public sealed record ConvergenceTrace(string Name)
{
    /// <summary>Data passes (term gradients and Hessian-vector products divided by N) at each point.</summary>
    public List<double> Passes { get; } = [];

    /// <summary>L(w) − L* at each point.</summary>
    public List<double> Gaps { get; } = [];

    /// <summary>Appends a point.</summary>
    public void Add(double passes, double gap)
    {
        Passes.Add(passes);
        Gaps.Add(gap);
    }
}
