using System;
using System.Collections.Generic;
using AutoDiffLbfgs.Generator.Model;
using static AutoDiffLbfgs.Generator.Model.ExprBuilder;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// The derivative of every supported <c>Math</c>/<c>MathF</c> function, written once. <see cref="Partials"/> gives
/// ∂f/∂argᵢ as an expression of the arguments and of <c>value</c> (the call's own result, which the caller binds to a
/// temporary so it is computed once). Abs, Max and Min are branches, not formulas; see <see cref="Selection"/>.
/// </summary>
internal static class DerivativeRules
{
    private const double Ln2 = 0.69314718055994530942;
    private const double Ln10 = 2.30258509299404568402;

    /// <summary>Whether the rule for <paramref name="function"/> uses the call's own value.</summary>
    public static bool UsesValue(MathFunction function) =>
        function is MathFunction.Sqrt or MathFunction.Cbrt or MathFunction.Exp or MathFunction.Pow or MathFunction.Tan or MathFunction.Tanh or MathFunction.Hypot;

    /// <summary>
    /// The partial derivatives of <c>function(args)</c>: pairs (argument index, ∂f/∂arg). Only arguments for which
    /// <paramref name="isActive"/> holds are listed.
    /// </summary>
    public static List<(int Index, Expr Partial)> Partials(MathFunction function, ScalarType t, IReadOnlyList<Expr> args, Expr value, Func<Expr, bool> isActive)
    {
        var result = new List<(int, Expr)>();
        Expr a = args[0];
        Expr one = Const(t, 1);
        switch (function)
        {
            case MathFunction.Sqrt: Partial(0, Div(Const(t, 0.5), value)); break;                                   // 1/(2√a)
            case MathFunction.Cbrt: Partial(0, Div(one, Mul(Const(t, 3), Mul(value, value)))); break;                // 1/(3∛a²)
            case MathFunction.Exp: Partial(0, value); break;                                                         // eᵃ
            case MathFunction.Log: Partial(0, Div(one, a)); break;                                                   // 1/a
            case MathFunction.Log2: Partial(0, Div(one, Mul(a, Const(t, Ln2)))); break;                              // 1/(a ln 2)
            case MathFunction.Log10: Partial(0, Div(one, Mul(a, Const(t, Ln10)))); break;                            // 1/(a ln 10)
            case MathFunction.Pow:
                Partial(0, Mul(args[1], Call(MathFunction.Pow, t, a, Sub(args[1], one))));                           // b·a^(b−1)
                // ∂/∂b = aᵇ ln a; at a = 0 the limit used by JAX and Enzyme is 0, taken as a branch, not a product with −∞.
                Partial(1, Select(Compare(BinaryOp.Equal, a, Const(t, 0)), Const(t, 0), Mul(value, Call(MathFunction.Log, t, a))));
                break;
            case MathFunction.Sin: Partial(0, Call(MathFunction.Cos, t, a)); break;                                  // cos a
            case MathFunction.Cos: Partial(0, Neg(Call(MathFunction.Sin, t, a))); break;                             // −sin a
            case MathFunction.Tan: Partial(0, Add(one, Mul(value, value))); break;                                   // 1 + tan²a
            case MathFunction.Asin: Partial(0, Div(one, Call(MathFunction.Sqrt, t, Sub(one, Mul(a, a))))); break;    // 1/√(1−a²)
            case MathFunction.Acos: Partial(0, Neg(Div(one, Call(MathFunction.Sqrt, t, Sub(one, Mul(a, a)))))); break;
            case MathFunction.Atan: Partial(0, Div(one, Add(one, Mul(a, a)))); break;                                // 1/(1+a²)
            case MathFunction.Atan2:
            {
                // atan2(y, x): ∂/∂y = x/(x²+y²), ∂/∂x = −y/(x²+y²)
                Expr y = args[0], x = args[1];
                Expr r2 = Add(Mul(x, x), Mul(y, y));
                Partial(0, Div(x, r2));
                Partial(1, Neg(Div(y, r2)));
                break;
            }
            case MathFunction.Sinh: Partial(0, Call(MathFunction.Cosh, t, a)); break;
            case MathFunction.Cosh: Partial(0, Call(MathFunction.Sinh, t, a)); break;
            case MathFunction.Tanh: Partial(0, Sub(one, Mul(value, value))); break;                                  // 1 − tanh²a
            case MathFunction.Asinh: Partial(0, Div(one, Call(MathFunction.Sqrt, t, Add(Mul(a, a), one)))); break;   // 1/√(a²+1)
            case MathFunction.Acosh: Partial(0, Div(one, Call(MathFunction.Sqrt, t, Sub(Mul(a, a), one)))); break;   // 1/√(a²−1), a > 1
            case MathFunction.Atanh: Partial(0, Div(one, Sub(one, Mul(a, a)))); break;                               // 1/(1−a²), |a| < 1
            case MathFunction.Hypot:                                                                                 // h = √(a²+b²)
                Partial(0, Div(a, value));                                                                           // a/h
                Partial(1, Div(args[1], value));                                                                     // b/h
                break;
            case MathFunction.FusedMultiplyAdd:                                                                  // a·b + c
                Partial(0, args[1]);
                Partial(1, args[0]);
                Partial(2, one);
                break;
            case var piecewise when piecewise.IsPiecewiseConstant():
                break; // zero almost everywhere (the tests IsNaN, IsFinite, … are conditions)
            default:
                throw new InvalidOperationException("No partial-derivative rule for " + function + "; it is a selection.");
        }
        return result;

        void Partial(int index, Expr partial)
        {
            if (index < args.Count && isActive(args[index])) result.Add((index, partial));
        }
    }

    /// <summary>
    /// For the selections: the condition under which the derivative flows to the first argument. Abs: a ≥ 0 (so
    /// Abs'(0) = +1); Max: a ≥ b and Min: a ≤ b (ties take the first argument).
    /// </summary>
    public static Expr? Selection(MathFunction function, IReadOnlyList<Expr> args) => function switch
    {
        MathFunction.Abs => Compare(BinaryOp.GreaterOrEqual, args[0], Const(args[0].Type, 0)),
        MathFunction.Max => Compare(BinaryOp.GreaterOrEqual, args[0], args[1]),
        MathFunction.Min => Compare(BinaryOp.LessOrEqual, args[0], args[1]),
        _ => null,
    };
}
