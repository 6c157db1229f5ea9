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
    private static Expr Substitute(Expr e, EquatableArray<Expr> args) => new Placeholders(args).Rewrite(e);

    /// <summary>Puts the call's arguments in place of the placeholder locals.</summary>
    private sealed class Placeholders(EquatableArray<Expr> args) : IrRewriter
    {
        protected override Expr RewriteLocal(LocalExpr local) => Placeholder(local.Name) is int index ? args[index] : local;
    }

    /// <summary>The argument index a placeholder name stands for, or null for any other local.</summary>
    private static int? Placeholder(string name)
    {
        const string prefix = "$arg";
        if (!name.StartsWith(prefix, System.StringComparison.Ordinal)) return null;
        return int.TryParse(name.Substring(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) ? index : null;
    }
}
