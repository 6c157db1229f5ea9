using System.Collections.Generic;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Lowering;

/// <summary>The one table of <c>System.Math</c>/<c>System.MathF</c> methods the subset accepts.</summary>
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
        ["Abs"] = (MathFunction.Abs, 1),
        ["Max"] = (MathFunction.Max, 2),
        ["Min"] = (MathFunction.Min, 2),
        ["FusedMultiplyAdd"] = (MathFunction.FusedMultiplyAdd, 3),
        ["Floor"] = (MathFunction.Floor, 1),
        ["Ceiling"] = (MathFunction.Ceiling, 1),
        ["Round"] = (MathFunction.Round, 1),
        ["Truncate"] = (MathFunction.Truncate, 1),
        ["Sign"] = (MathFunction.Sign, 1),
    };

    /// <summary>The function <paramref name="method"/> denotes, or null when it is not in the table.</summary>
    public static MathFunction? Find(IMethodSymbol method)
    {
        var owner = method.ContainingType?.ToDisplayString();
        if (owner is not ("System.Math" or "System.MathF")) return null;
        if (!Table.TryGetValue(method.Name, out var entry) || method.Parameters.Length != entry.Arity) return null;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64))
            {
                return null;
            }
        }
        return entry.Function;
    }

    /// <summary>
    /// Whether <paramref name="method"/> is <c>Math.Clamp</c> over a type the subset knows. Clamp is not a function of
    /// the IR: it is lowered to <c>Min(hi, Max(lo, v))</c>, see <c>BodyLowering.LowerClamp</c>.
    /// </summary>
    public static bool IsClamp(IMethodSymbol method)
    {
        if (method.Name != "Clamp" || method.Parameters.Length != 3) return false;
        if (method.ContainingType?.ToDisplayString() is not ("System.Math" or "System.MathF")) return false;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64))
            {
                return false;
            }
        }
        return true;
    }
}
