using System.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// A finite-sum objective F(w) = (1/N)·Σᵢ fᵢ(w) for the stochastic solver: the user writes one term fᵢ as an
/// <c>[Objective]</c> whose data includes an <see cref="int"/> parameter marked <see cref="TermIndexAttribute"/>, and the
/// generator emits a <c>…Terms</c> struct implementing this interface (value, gradient and Hessian-vector product of
/// one term, no delegate, no allocation).
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public interface IFiniteSumObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of terms N.</summary>
    int TermCount { get; }

    /// <summary>Returns fᵢ(w) for <paramref name="term"/> = i in [0, N).</summary>
    T TermValue(int term, ReadOnlySpan<T> w);

    /// <summary>Returns fᵢ(w) and overwrites <paramref name="gradient"/> with ∇fᵢ(w).</summary>
    T TermValueAndGradient(int term, ReadOnlySpan<T> w, Span<T> gradient);

    /// <summary>Overwrites <paramref name="result"/> with ∇²fᵢ(w)·<paramref name="v"/>.</summary>
    void TermHessianVectorProduct(int term, ReadOnlySpan<T> w, ReadOnlySpan<T> v, Span<T> result);
}

/// <summary>
/// Marks the <see cref="int"/> data parameter of an <c>[Objective]</c> that selects one term of a finite sum. The
/// generator then also emits a <c>…Terms</c> struct implementing <see cref="IFiniteSumObjective{T}"/>, constructed
/// from the number of terms and the other data arguments.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class TermIndexAttribute : Attribute
{
}
