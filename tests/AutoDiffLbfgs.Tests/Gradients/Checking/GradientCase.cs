using System.Numerics;

namespace AutoDiffLbfgs.Tests.Gradients.Checking;

/// <summary>An objective value f(x), as <c>F</c> or <c>FObjective.Value</c>.</summary>
public delegate T ValueFunction<T>(ReadOnlySpan<T> x);

/// <summary>A Hessian-vector product, as <c>FObjective.HessianVectorProduct</c>.</summary>
public delegate void HessianVectorProductFunction<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> v, Span<T> result);

/// <summary>
/// One <c>[Objective]</c> under test: the user's method, the generated members, and a domain to sample points
/// from. Points are drawn from a generator seeded by the case name, so every run checks the same points.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
public sealed class GradientCase<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The objective's name, also the theory's data.</summary>
    public required string Name { get; init; }

    /// <summary>Draws a candidate point in the objective's domain.</summary>
    public required Func<Random, double[]> Sample { get; init; }

    /// <summary>
    /// False for a point whose finite-difference stencil could cross a kink or a jump (a branch switching, a
    /// Floor stepping): there the reference is meaningless, so such candidates are redrawn.
    /// </summary>
    public Func<double[], bool> IsSmoothAt { get; init; } = static _ => true;

    /// <summary>The user's method F.</summary>
    public required ValueFunction<T> Value { get; init; }

    /// <summary>The generated FGradient.</summary>
    public required GradientFunction<T> Gradient { get; init; }

    /// <summary>The generated FObjective's Value.</summary>
    public required ValueFunction<T> ObjectiveValue { get; init; }

    /// <summary>The generated FObjective's ValueAndGradient.</summary>
    public required GradientFunction<T> ObjectiveValueAndGradient { get; init; }

    /// <summary>The generated FObjective's HessianVectorProduct (double cases).</summary>
    public HessianVectorProductFunction<T>? HessianVectorProduct { get; init; }

    /// <summary>
    /// The function finite differences are taken of, in double. Defaults to F itself; float objectives supply a
    /// double-precision twin, because differences of a float function lose too many digits to judge anything.
    /// </summary>
    public Func<double[], double>? Reference { get; init; }

    /// <summary>The number of points checked per case (the issue asks for at least 5).</summary>
    public const int PointCount = 6;

    /// <summary>Whether T is float.</summary>
    public static bool IsSinglePrecision => typeof(T) == typeof(float);

    /// <summary>The <see cref="PointCount"/> points of this case, already rounded to T.</summary>
    public IReadOnlyList<T[]> Points()
    {
        var random = new Random(StableSeed(Name));
        var points = new List<T[]>(PointCount);
        for (int attempt = 0; points.Count < PointCount; attempt++)
        {
            if (attempt == 10_000) throw new InvalidOperationException($"{Name}: could not sample {PointCount} smooth points.");
            var candidate = Sample(random).Select(T.CreateChecked).ToArray();
            if (IsSmoothAt(ToDouble(candidate))) points.Add(candidate);
        }

        return points;
    }

    /// <summary>The reference function in double.</summary>
    public double ReferenceValue(double[] x) =>
        Reference is { } reference ? reference(x) : double.CreateChecked(Value(x.Select(T.CreateChecked).ToArray()));

    /// <summary>Widens a point or gradient to double.</summary>
    public static double[] ToDouble(ReadOnlySpan<T> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = double.CreateChecked(values[i]);
        return result;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>FNV-1a of the name: string.GetHashCode is randomized per process, this is not.</summary>
    private static int StableSeed(string name)
    {
        uint hash = 2166136261;
        foreach (char c in name) hash = (hash ^ c) * 16777619;
        return (int)(hash & 0x7FFFFFFF);
    }
}
