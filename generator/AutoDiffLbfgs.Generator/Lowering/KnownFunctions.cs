using System.Collections.Generic;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Lowering;

/// <summary>
/// The one table of the math functions the subset accepts, under every spelling: <c>Math.Sqrt</c>,
/// <c>MathF.Sqrt</c> and the generic-math statics <c>double.Sqrt</c>, <c>float.Sqrt</c> (same results: the generic-math
/// methods of <c>double</c> and <c>float</c> call the <c>Math</c>/<c>MathF</c> ones).
/// </summary>
internal static class KnownFunctions
{
    private static readonly Dictionary<string, (MathFunction Function, int Arity)> Table = new()
    {
        ["Sqrt"] = (MathFunction.Sqrt, 1),
        ["Cbrt"] = (MathFunction.Cbrt, 1),
        ["Exp"] = (MathFunction.Exp, 1),
        ["Log"] = (MathFunction.Log, 1),
        ["Log2"] = (MathFunction.Log2, 1),
        ["Log10"] = (MathFunction.Log10, 1),
        ["Pow"] = (MathFunction.Pow, 2),
        ["Sin"] = (MathFunction.Sin, 1),
        ["Cos"] = (MathFunction.Cos, 1),
        ["Tan"] = (MathFunction.Tan, 1),
        ["Asin"] = (MathFunction.Asin, 1),
        ["Acos"] = (MathFunction.Acos, 1),
        ["Atan"] = (MathFunction.Atan, 1),
        ["Atan2"] = (MathFunction.Atan2, 2),
        ["Sinh"] = (MathFunction.Sinh, 1),
        ["Cosh"] = (MathFunction.Cosh, 1),
        ["Tanh"] = (MathFunction.Tanh, 1),
        ["Asinh"] = (MathFunction.Asinh, 1),
        ["Acosh"] = (MathFunction.Acosh, 1),
        ["Atanh"] = (MathFunction.Atanh, 1),
        ["Hypot"] = (MathFunction.Hypot, 2),
        ["Abs"] = (MathFunction.Abs, 1),
        ["Max"] = (MathFunction.Max, 2),
        ["Min"] = (MathFunction.Min, 2),
        ["FusedMultiplyAdd"] = (MathFunction.FusedMultiplyAdd, 3),
        ["Floor"] = (MathFunction.Floor, 1),
        ["Ceiling"] = (MathFunction.Ceiling, 1),
        ["Round"] = (MathFunction.Round, 1),
        ["Truncate"] = (MathFunction.Truncate, 1),
        ["Sign"] = (MathFunction.Sign, 1),
        ["IsNaN"] = (MathFunction.IsNaN, 1),
        ["IsFinite"] = (MathFunction.IsFinite, 1),
        ["IsInfinity"] = (MathFunction.IsInfinity, 1),
        ["IsPositiveInfinity"] = (MathFunction.IsPositiveInfinity, 1),
        ["IsNegativeInfinity"] = (MathFunction.IsNegativeInfinity, 1),
    };

    /// <summary>The function <paramref name="method"/> denotes, or null when it is not in the table.</summary>
    public static MathFunction? Find(IMethodSymbol method)
    {
        if (!IsMathOwner(method)) return null;
        if (!Table.TryGetValue(method.Name, out var entry) || method.Parameters.Length != entry.Arity) return null;
        // The tests exist on double and float only (there is no Math.IsNaN).
        if (entry.Function.IsTest() && method.ContainingType?.ToDisplayString() is not ("double" or "float")) return null;
        return HasScalarParameters(method) ? entry.Function : null;
    }

    /// <summary>
    /// Whether <paramref name="method"/> is the two-argument <c>Log(a, newBase)</c>, which the lowering writes as
    /// <c>Log(a) / Log(newBase)</c>: what <c>Math.Log(a, newBase)</c> computes for every base but the degenerate ones
    /// (1, 0, +∞), where both are NaN or infinite.
    /// </summary>
    public static bool IsLogWithBase(IMethodSymbol method) =>
        method.Name == "Log" && method.Parameters.Length == 2 && IsMathOwner(method) && HasScalarParameters(method);

    private static bool IsMathOwner(IMethodSymbol method) =>
        method.IsStatic && method.ContainingType?.ToDisplayString() is "System.Math" or "System.MathF" or "double" or "float";

    private static bool HasScalarParameters(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None) return false;
            if (parameter.Type.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Whether <paramref name="method"/> is <c>Math.Clamp</c> over a type the subset knows. Clamp is not a function of
    /// the IR: it is lowered to <c>Min(hi, Max(lo, v))</c>, see <c>BodyLowering.LowerClamp</c>.
    /// </summary>
    public static bool IsClamp(IMethodSymbol method)
    {
        return method.Name == "Clamp" && method.Parameters.Length == 3 && IsMathOwner(method) && HasScalarParameters(method);
    }
}
