
namespace AutoDiffLbfgs.Generator.Model;

/// <summary>Smart constructors that fold the trivial cases (×1, +0, −−a) so generated code reads like hand-written code.</summary>
internal static class ExprBuilder
{
    public static bool IsConst(Expr e, double value) => e is ConstExpr c && c.Value == value && c.Type != ScalarType.Boolean;

    public static Expr Const(ScalarType type, double value) => Literals.Of(type, value);

    public static Expr Local(ScalarType type, string name) => new LocalExpr(type, name);

    public static Expr Neg(Expr a) => a switch
    {
        UnaryExpr { Op: UnaryOp.Negate } u => u.Operand,
        ConstExpr c when c.Type.IsFloating() => Literals.Of(c.Type, -c.Value),
        _ => new UnaryExpr(a.Type, UnaryOp.Negate, a),
    };

    public static Expr Add(Expr a, Expr b)
    {
        if (IsConst(a, 0)) return b;
        if (IsConst(b, 0)) return a;
        if (b is UnaryExpr { Op: UnaryOp.Negate } nb) return new BinaryExpr(a.Type, BinaryOp.Subtract, a, nb.Operand);
        return new BinaryExpr(a.Type, BinaryOp.Add, a, b);
    }

    public static Expr Sub(Expr a, Expr b)
    {
        if (IsConst(b, 0)) return a;
        if (IsConst(a, 0)) return Neg(b);
        return new BinaryExpr(a.Type, BinaryOp.Subtract, a, b);
    }

    public static Expr Mul(Expr a, Expr b)
    {
        // A zero here is an exact zero derivative (a constant's tangent, an inactive operand), never a computed value.
        if (IsConst(a, 0)) return a;
        if (IsConst(b, 0)) return b;
        if (IsConst(a, 1)) return b;
        if (IsConst(b, 1)) return a;
        if (IsConst(a, -1)) return Neg(b);
        if (IsConst(b, -1)) return Neg(a);
        if (a is UnaryExpr { Op: UnaryOp.Negate } na) return Neg(Mul(na.Operand, b));
        if (b is UnaryExpr { Op: UnaryOp.Negate } nb) return Neg(Mul(a, nb.Operand));
        if (b is BinaryExpr { Op: BinaryOp.Divide, Left: ConstExpr { Value: 1 } } reciprocal) return Div(a, reciprocal.Right);
        return new BinaryExpr(a.Type, BinaryOp.Multiply, a, b);
    }

    public static Expr Div(Expr a, Expr b)
    {
        if (IsConst(b, 1) || IsConst(a, 0)) return a;
        if (a is UnaryExpr { Op: UnaryOp.Negate } na) return Neg(Div(na.Operand, b));
        return new BinaryExpr(a.Type, BinaryOp.Divide, a, b);
    }

    public static Expr Call(MathFunction function, ScalarType type, params Expr[] args) => new CallExpr(type, function, args.ToEquatableArray());

    public static Expr Compare(BinaryOp op, Expr a, Expr b) => new BinaryExpr(ScalarType.Boolean, op, a, b);

    public static Expr Select(Expr condition, Expr whenTrue, Expr whenFalse) => new ConditionalExpr(whenTrue.Type, condition, whenTrue, whenFalse);

    /// <summary>Whether an expression is cheap enough to repeat instead of binding it to a temporary.</summary>
    public static bool IsTrivial(Expr e) => e switch
    {
        ConstExpr or LocalExpr or DataExpr or VariablesLengthExpr => true,
        UnaryExpr { Op: UnaryOp.Negate } u => IsTrivial(u.Operand),
        ConvertExpr c => IsTrivial(c.Operand),
        _ => false,
    };
}
