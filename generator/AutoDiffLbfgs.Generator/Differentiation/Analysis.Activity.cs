using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

// Activity: which locals and expressions depend on the variables (the others need no adjoint or tangent).
internal sealed partial class Analysis
{
    private static HashSet<string> ComputeActive(BlockStmt body)
    {
        var active = new HashSet<string>();
        var assignments = new List<(string Name, Expr Value)>();
        foreach (var stmt in IrTree.Descendants(body))
        {
            switch (stmt)
            {
                case DeclareStmt { Init: not null } d when d.Type.IsFloating(): assignments.Add((d.Name, d.Init)); break;
                case AssignStmt a when a.Value.Type.IsFloating(): assignments.Add((a.Name, a.Value)); break;
                case AccumulateStmt acc when acc.Value.Type.IsFloating(): assignments.Add((acc.Name, acc.Value)); break;
                case ElementAssignStmt e when e.Value.Type.IsFloating(): assignments.Add((e.Array, e.Value)); break;
                case SpanRuleCallStmt { Direction: null } call: assignments.Add((call.Output, new VariableElementExpr(ScalarType.Double, new VariablesLengthExpr()))); break;
                case HelperGradientStmt g:
                    // Each partial derivative is a function of all the arguments.
                    for (int j = 0; j < g.Args.Count; j++)
                    {
                        if (g.Partials[j].Length > 0 && g.Args[j].Type.IsFloating()) assignments.Add((g.Partials[j], new HelperCallExpr(g.Args[j].Type, g.Helper, g.Args)));
                    }
                    break;
            }
        }
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (name, value) in assignments)
            {
                if (!active.Contains(name) && DependsOnVariables(value, active))
                {
                    active.Add(name);
                    changed = true;
                }
            }
        }
        return active;
    }

    private static bool DependsOnVariables(Expr expr, HashSet<string> active) => expr switch
    {
        VariableElementExpr => true,
        LocalExpr l => l.Type.IsFloating() && active.Contains(l.Name),
        ArrayElementExpr a => a.Type.IsFloating() && active.Contains(a.Array),
        UnaryExpr u => u.Type.IsFloating() && DependsOnVariables(u.Operand, active),
        BinaryExpr b => b.Type.IsFloating() && (DependsOnVariables(b.Left, active) || DependsOnVariables(b.Right, active)),
        CallExpr c => c.Type.IsFloating() && !c.Function.IsPiecewiseConstant() && c.Args.Any(a => DependsOnVariables(a, active)),
        UserCallExpr c => c.Type.IsFloating() && c.Args.Any(a => DependsOnVariables(a, active)),
        SpanRuleCallExpr c => c.Type.IsFloating(), // a function of the variables
        HelperCallExpr h => h.Type.IsFloating() && h.Args.Any(a => DependsOnVariables(a, active)),
        HelperTangentExpr h => h.Type.IsFloating() && h.Args.Concat(h.ArgDots).Any(a => DependsOnVariables(a, active)),
        ConvertExpr c => c.Type.IsFloating() && c.Operand.Type.IsFloating() && DependsOnVariables(c.Operand, active),
        ConditionalExpr c => c.Type.IsFloating() && (DependsOnVariables(c.WhenTrue, active) || DependsOnVariables(c.WhenFalse, active)),
        // Data, literals, lengths and the generated spans (direction, result) are constants for differentiation.
        ConstExpr or DataExpr or DataElementExpr or DataRowLengthExpr or SpanElementExpr or VariablesLengthExpr or ArrayLengthExpr or LogCountExpr => false,
        _ => throw IrTree.Unknown(expr),
    };
}
