using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Newton;

/// <summary>
/// M = diag(m) with fixed, user-supplied entries mᵢ &gt; 0 (for example a Jacobi estimate of ∇²f's diagonal).
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public readonly struct DiagonalPreconditioner<T> : INewtonPreconditioner<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _inverse;

    /// <summary>Makes M = diag(<paramref name="diagonal"/>); the entries are copied.</summary>
    /// <param name="diagonal">mᵢ, each finite and positive; its length must equal the number of variables.</param>
    /// <exception cref="ArgumentNullException"><paramref name="diagonal"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is not finite and positive (the message names its index), or the diagonal is empty.</exception>
    public DiagonalPreconditioner(ReadOnlySpan<T> diagonal)
    {
        if (diagonal.IsEmpty) throw new ArgumentException("The diagonal must have at least one entry.", nameof(diagonal));
        _inverse = new T[diagonal.Length];
        for (int i = 0; i < diagonal.Length; i++)
        {
            if (!(T.IsFinite(diagonal[i]) && diagonal[i] > T.Zero))
                throw new ArgumentException($"diagonal[{i}] = {diagonal[i]} must be finite and positive.", nameof(diagonal));
            _inverse[i] = T.One / diagonal[i];
        }
    }

    /// <summary>The number of entries (must equal the number of variables of the solve).</summary>
    public int Length => _inverse?.Length ?? 0;

    /// <inheritdoc/>
    public void Update(ReadOnlySpan<T> x)
    {
    }

    /// <inheritdoc/>
    public void Solve(ReadOnlySpan<T> residual, Span<T> result) => VectorMath.Multiply<T>(residual, _inverse, result);
}
