using System.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// Checks derivatives against finite differences along a random direction, the equivalent of JAX's
/// <c>check_grads</c>: a user who hand-writes a gradient or a derivative rule can verify it in one call.
/// </summary>
/// <remarks>
/// Along a random unit direction u the directional derivative ∇f(x)·u is compared with the central difference
/// (f(x + hu) − f(x − hu))/(2h), refined by one Richardson step with h/2 (error O(h⁴)). The HVP is compared with the
/// central difference of the gradient along the same direction. Computation is in double whatever T is.
/// </remarks>
public static class DerivativeCheck
{
    /// <summary>
    /// Returns the relative error |∇f(x)·u − D| / max(|D|, |∇f(x)·u|, tiny), where D is the Richardson-extrapolated
    /// central difference of f along a random unit direction u drawn with <paramref name="seed"/>. Values around 1e-8
    /// or below (double) mean the gradient is right; values of order 1 mean it is wrong.
    /// </summary>
    /// <param name="objective">The objective.</param>
    /// <param name="x">The point.</param>
    /// <param name="step">The difference step h (default 1e-3·max(1, ‖x‖∞)).</param>
    /// <param name="seed">Seed of the random direction.</param>
    public static double GradientError<T, TObjective>(TObjective objective, ReadOnlySpan<T> x, double? step = null, int seed = 12345)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : IDifferentiableObjective<T>, allows ref struct
    {
        int n = x.Length;
        var u = RandomUnit<T>(n, seed);
        var g = new T[n];
        objective.ValueAndGradient(x, g);
        double analytic = 0;
        for (int i = 0; i < n; i++) analytic += double.CreateChecked(g[i]) * double.CreateChecked(u[i]);

        double h = step ?? DefaultStep(x);
        var trial = new T[n];
        double d1 = ValueDifference(objective, x, u, h, trial), d2 = ValueDifference(objective, x, u, h / 2, trial);
        double numeric = (4 * d2 - d1) / 3;
        return RelativeError(analytic, numeric);
    }

    /// <summary>
    /// Returns the largest relative error, over the entries, between ∇²f(x)·u and the Richardson-extrapolated central
    /// difference of the gradient along a random unit direction u, relative to max(‖∇²f(x)·u‖∞, tiny).
    /// </summary>
    public static double HessianVectorProductError<T, TObjective>(TObjective objective, ReadOnlySpan<T> x, double? step = null, int seed = 12345)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : ITwiceDifferentiableObjective<T>, allows ref struct
    {
        int n = x.Length;
        var u = RandomUnit<T>(n, seed);
        var hv = new T[n];
        objective.HessianVectorProduct(x, u, hv);

        double h = step ?? DefaultStep(x);
        var trial = new T[n];
        var gp = new T[n];
        var gm = new T[n];
        var d1 = new double[n];
        var d2 = new double[n];
        GradientDifference(objective, x, u, h, trial, gp, gm, d1);
        GradientDifference(objective, x, u, h / 2, trial, gp, gm, d2);
        double scale = 1e-300, worst = 0;
        for (int i = 0; i < n; i++) scale = Math.Max(scale, Math.Abs(double.CreateChecked(hv[i])));
        for (int i = 0; i < n; i++)
        {
            double numeric = (4 * d2[i] - d1[i]) / 3;
            worst = Math.Max(worst, Math.Abs(double.CreateChecked(hv[i]) - numeric) / scale);
        }
        return worst;
    }

    /// <summary>Central difference of f along u with step h.</summary>
    private static double ValueDifference<T, TObjective>(TObjective objective, ReadOnlySpan<T> x, T[] u, double h, T[] trial)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : IDifferentiableObjective<T>, allows ref struct
    {
        Shift(x, u, h, trial);
        double fp = double.CreateChecked(objective.Value(trial));
        Shift(x, u, -h, trial);
        double fm = double.CreateChecked(objective.Value(trial));
        return (fp - fm) / (2 * h);
    }

    /// <summary>Central difference of ∇f along u with step h, into <paramref name="into"/>.</summary>
    private static void GradientDifference<T, TObjective>(TObjective objective, ReadOnlySpan<T> x, T[] u, double h, T[] trial, T[] gp, T[] gm, double[] into)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : IDifferentiableObjective<T>, allows ref struct
    {
        Shift(x, u, h, trial);
        objective.ValueAndGradient(trial, gp);
        Shift(x, u, -h, trial);
        objective.ValueAndGradient(trial, gm);
        for (int i = 0; i < into.Length; i++) into[i] = (double.CreateChecked(gp[i]) - double.CreateChecked(gm[i])) / (2 * h);
    }

    private static double DefaultStep<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double m = 0;
        foreach (var v in x) m = Math.Max(m, Math.Abs(double.CreateChecked(v)));
        return 1e-3 * Math.Max(1, m);
    }

    private static T[] RandomUnit<T>(int n, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        var u = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++)
        {
            u[i] = rng.NextDouble() * 2 - 1;
            norm += u[i] * u[i];
        }
        norm = Math.Sqrt(norm);
        var result = new T[n];
        for (int i = 0; i < n; i++) result[i] = T.CreateChecked(norm > 0 ? u[i] / norm : 0);
        return result;
    }

    private static void Shift<T>(ReadOnlySpan<T> x, T[] u, double h, T[] into)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) into[i] = T.CreateChecked(double.CreateChecked(x[i]) + h * double.CreateChecked(u[i]));
    }

    private static double RelativeError(double a, double b) => Math.Abs(a - b) / Math.Max(1e-300, Math.Max(Math.Abs(a), Math.Abs(b)));
}
