namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Objectives calling helpers that the generator transforms once per objective (helpers with statements whose
/// parameters are scalars): their derivative code is generated as private methods that every call site calls. The
/// comment above each objective names what it exercises. Helpers are internal so the tests can replay them.
/// </summary>
internal static partial class OnceTransformedHelperObjectives
{
    /// <summary>The threshold of the while condition of <see cref="ThreeSites"/>.</summary>
    public const double Threshold = 1.4;

    /// <summary>
    /// The partial sum 1 + z + … + zᵗᵉʳᵐˢ/terms! of eᶻ: a loop, an integer parameter, and an early return for negative z
    /// after three terms. The return is taken on an active value, yet the function stays smooth at z = 0, where the
    /// terms it drops and their first two derivatives vanish.
    /// </summary>
    internal static double Series(double z, int terms)
    {
        double sum = 1.0, term = 1.0;
        for (int k = 1; k <= terms; k++)
        {
            term *= z / k;
            sum += term;
            if (k == 3 && z < 0.0) return sum;
        }

        return sum;
    }

    // Series called from three sites: directly, in a reduction loop, and in a while condition that depends on the
    // variables (ADL0111 while helpers with statements were inlined).
    [Objective]
    internal static double ThreeSites(ReadOnlySpan<double> x)
    {
        double e = 0.5 * Series(x[0], 6);
        for (int i = 1; i < x.Length; i++) e += Series(x[i] - 0.5 * x[i - 1], 5);
        double y = x[1];
        int steps = 0;
        while (Series(y, 4) > Threshold && steps < 6)
        {
            y = 0.5 * y + 0.1 * x[2];
            steps++;
        }

        return e + y * y;
    }

    /// <summary>A helper calling <see cref="Series"/>: transformed once too, its generated code calls Series' generated methods.</summary>
    internal static double Smooth(double a, double b)
    {
        double s = Series(a * b, 4);
        double t = Math.Sin(a) * s;
        return Math.Log(1.0 + t * t);
    }

    // Nested helpers: Smooth calls Series; both are also called directly, Series inside Smooth's argument.
    [Objective]
    internal static double Nested(ReadOnlySpan<double> x)
    {
        double e = 0.0;
        for (int i = 0; i + 1 < x.Length; i++) e += Smooth(x[i], Series(x[i + 1], 3));
        return e + Series(x[0] * x[x.Length - 1], 4);
    }

    /// <summary>A Huber-like loss over float: a branch on an active value, and MathF.</summary>
    internal static float SoftClip(float z, float width)
    {
        float a = MathF.Abs(z);
        if (a <= width) return 0.5f * z * z / width;
        float over = a - width;
        return over + 0.5f * width + 0.25f * MathF.Log(1f + over * over);
    }

    // A float objective calling a float helper transformed once, at two sites.
    [Objective]
    internal static float FloatSoftClip(ReadOnlySpan<float> x)
    {
        float s = 0f;
        for (int i = 0; i < x.Length; i++) s += SoftClip(x[i] - 0.25f * i, 0.75f);
        return s + SoftClip(x[0] * x[1], 0.5f);
    }

    /// <summary>The double twin of <see cref="SoftClip"/>, operation for operation.</summary>
    internal static double SoftClipTwin(double z, double width)
    {
        double a = Math.Abs(z);
        if (a <= width) return 0.5 * z * z / width;
        double over = a - width;
        return over + 0.5 * width + 0.25 * Math.Log(1.0 + over * over);
    }

    // The double twin of FloatSoftClip, itself generated: its Hessian-vector product is the float one's reference.
    [Objective]
    internal static double DoubleSoftClip(ReadOnlySpan<double> x)
    {
        double s = 0.0;
        for (int i = 0; i < x.Length; i++) s += SoftClipTwin(x[i] - 0.25 * i, 0.75);
        return s + SoftClipTwin(x[0] * x[1], 0.5);
    }
}

/// <summary>An instance objective whose helper is an instance method reading a field: its generated methods are instance methods.</summary>
public sealed partial class DampedChain
{
    private readonly double _stiffness;

    /// <summary>Creates the chain.</summary>
    public DampedChain(double stiffness) => _stiffness = stiffness;

    /// <summary>The energy of one link of extension <paramref name="d"/>, softened beyond <paramref name="limit"/>.</summary>
    internal double Link(double d, double limit)
    {
        double e = 0.5 * _stiffness * d * d;
        if (d > limit) e = 0.5 * _stiffness * limit * limit + _stiffness * limit * (d - limit) * Math.Exp(limit - d);
        return e;
    }

    // instance helper reading a field through 'this', with an early assignment on an active branch; called in a loop.
    [Objective]
    public double Energy(ReadOnlySpan<double> x)
    {
        double energy = 0.0;
        for (int i = 0; i + 1 < x.Length; i++) energy += Link(x[i + 1] - x[i], 0.8);
        return energy + Link(x[0], 1.5);
    }
}
