using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// The user-supplied derivative rules of one objective (<c>[Derivative]</c> methods), looked up by the transforms when
/// they meet a <see cref="UserCallExpr"/>: the partial derivative with respect to an argument is the rule's expression
/// with the call's arguments substituted for the placeholders.
/// </summary>
internal sealed class UserRules
{
    /// <summary>The rules by fully qualified method name.</summary>
    private readonly Dictionary<string, UserFunctionSpec> _rules;

    /// <summary>Indexes the rules recorded in an objective's model.</summary>
    public UserRules(IEnumerable<UserFunctionSpec> rules) => _rules = rules.ToDictionary(r => r.Method);

    /// <summary>No rules: an objective that calls no <c>[Derivative]</c> method.</summary>
    public static UserRules Empty { get; } = new(Enumerable.Empty<UserFunctionSpec>());

    /// <summary>∂call/∂(argument <paramref name="index"/>), as an expression of the call's arguments.</summary>
    public Expr Partial(UserCallExpr call, int index) => Substitute(_rules[call.Method].Partials[index], call.Args);

    /// <summary>
    /// Replaces each placeholder local of <paramref name="e"/> by the argument it stands for. Arguments are pure
    /// expressions, so repeating one costs time, never correctness.
    /// </summary>
    private static Expr Substitute(Expr e, EquatableArray<Expr> args) => e switch
    {
        LocalExpr l when Placeholder(l.Name) is int index => args[index],
        VariableElementExpr v => v with { Index = Substitute(v.Index, args) },
        DataElementExpr d => d with { Index = Substitute(d.Index, args) },
        ArrayElementExpr a => a with { Index = Substitute(a.Index, args) },
        UnaryExpr u => u with { Operand = Substitute(u.Operand, args) },
        BinaryExpr b => b with { Left = Substitute(b.Left, args), Right = Substitute(b.Right, args) },
        CallExpr c => c with { Args = c.Args.Select(a => Substitute(a, args)).ToEquatableArray() },
        UserCallExpr c => c with { Args = c.Args.Select(a => Substitute(a, args)).ToEquatableArray() },
        HelperCallExpr h => h with { Args = h.Args.Select(a => Substitute(a, args)).ToEquatableArray() },
        ConvertExpr c => c with { Operand = Substitute(c.Operand, args) },
        ConditionalExpr c => c with { Condition = Substitute(c.Condition, args), WhenTrue = Substitute(c.WhenTrue, args), WhenFalse = Substitute(c.WhenFalse, args) },
        _ => e,
    };

    /// <summary>The argument index a placeholder name stands for, or null for any other local.</summary>
    private static int? Placeholder(string name)
    {
        const string prefix = "$arg";
        if (!name.StartsWith(prefix, System.StringComparison.Ordinal)) return null;
        return int.TryParse(name.Substring(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) ? index : null;
    }
}
