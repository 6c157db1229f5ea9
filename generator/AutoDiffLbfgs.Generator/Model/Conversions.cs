namespace AutoDiffLbfgs.Generator.Model;

/// <summary>C#'s numeric conversions and promotions over IR expressions, shared by the lowering and the transforms.</summary>
internal static class Conversions
{
    /// <summary>Wraps <paramref name="expr"/> in a conversion unless it already has <paramref name="type"/>; a literal is converted in place.</summary>
    public static Expr Convert(Expr expr, ScalarType type)
    {
        if (expr.Type == type) return expr;
        if (expr is ConstExpr constant && type != ScalarType.Boolean && constant.Type != ScalarType.Boolean)
        {
            return type.IsInteger() ? Literals.Integer(type, (long)constant.Value) : Literals.Of(type, constant.Value);
        }
        return new ConvertExpr(type, expr);
    }

    /// <summary>The type C# computes a binary operation in (double over float over long over int).</summary>
    public static ScalarType Promote(ScalarType a, ScalarType b)
    {
        if (a == ScalarType.Double || b == ScalarType.Double) return ScalarType.Double;
        if (a == ScalarType.Single || b == ScalarType.Single) return ScalarType.Single;
        if (a == ScalarType.Int64 || b == ScalarType.Int64) return ScalarType.Int64;
        return a == ScalarType.Boolean && b == ScalarType.Boolean ? ScalarType.Boolean : ScalarType.Int32;
    }
}
