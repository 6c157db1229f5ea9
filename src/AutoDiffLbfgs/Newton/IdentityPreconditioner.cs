using System.Numerics;

namespace AutoDiffLbfgs.Newton;

/// <summary>M = I: unpreconditioned CG, Euclidean trust region.</summary>
internal readonly struct IdentityPreconditioner<T> : INewtonPreconditioner<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public void Update(ReadOnlySpan<T> x)
    {
    }

    public void Solve(ReadOnlySpan<T> residual, Span<T> result) => residual.CopyTo(result);
}
