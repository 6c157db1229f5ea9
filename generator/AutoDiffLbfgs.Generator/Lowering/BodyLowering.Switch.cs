using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Diagnostics;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffLbfgs.Generator.Lowering;

// switch statements and switch expressions on integers, lowered to if/else chains and nested conditionals.
internal sealed partial class BodyLowering
{
    /// <summary>
    /// Lowers a switch statement on an integer to <c>if (v == 1 || v == 2) {…} else if (…) {…} else {default}</c>.
    /// Sections are tested in source order (C# semantics for patterns and guards); the default section is the final
    /// <c>else</c> wherever it stands. The <c>break</c> that ends a section is dropped (it only leaves the switch);
    /// a <c>break</c> elsewhere in a section is reported, so it is never mistaken for a loop's break.
    /// </summary>
    private void LowerSwitch(ISwitchOperation switchStatement, List<Stmt> output)
    {
        var governing = SwitchValueType(switchStatement.Value);
        if (governing is null)
        {
            RefuseStatement(switchStatement, "switch on a value of type '" + TypeName(switchStatement.Value.Type) + "'");
            return;
        }

        var value = Value(switchStatement.Value);
        Flush(output);
        if (!ExprBuilder.IsTrivial(value))
        {
            // The governing value is computed once, as C# does, and every section compares with it.
            var name = _scope.Frame.FreshName("switchValue", _scope.Names);
            output.Add(new DeclareStmt(name, governing.Value, value) { Source = SourceText(switchStatement.Syntax) });
            value = new LocalExpr(governing.Value, name);
        }

        _scope.SwitchExits.Add(switchStatement.ExitLabel);
        try
        {
            BlockStmt? chain = null;
            var defaultSection = switchStatement.Cases.FirstOrDefault(c => c.Clauses.Any(clause => clause is IDefaultCaseClauseOperation));
            if (defaultSection is not null) chain = LowerSection(defaultSection.Body, switchStatement.ExitLabel);

            // Built from the last section up, so each test sits in the else of the one before.
            var sections = switchStatement.Cases.Where(c => c != defaultSection).ToList();
            var conditions = sections.Select(section => SectionCondition(section, value)).ToList();
            for (int k = sections.Count - 1; k >= 0; k--)
            {
                var body = LowerSection(sections[k].Body, switchStatement.ExitLabel);
                var test = new IfStmt(conditions[k], body, chain) { Source = string.Join(" ", sections[k].Clauses.Select(c => SourceText(c.Syntax))) };
                chain = new BlockStmt(new Stmt[] { test }.ToEquatableArray());
            }
            if (chain is not null) output.AddRange(chain.Statements);
        }
        finally
        {
            _scope.SwitchExits.RemoveAt(_scope.SwitchExits.Count - 1);
        }
    }

    /// <summary>The statements of a section without the <c>break</c> that ends it (possibly inside a trailing block).</summary>
    private BlockStmt LowerSection(IReadOnlyList<IOperation> operations, ILabelSymbol exit)
    {
        var list = new List<Stmt>();
        int count = operations.Count;
        if (count > 0 && operations[count - 1] is IBranchOperation { BranchKind: BranchKind.Break } last
            && SymbolEqualityComparer.Default.Equals(last.Target, exit))
        {
            count--;
        }
        for (int k = 0; k < count; k++)
        {
            if (k == count - 1 && count == operations.Count && operations[k] is IBlockOperation block)
            {
                list.Add(LowerSection(block.Operations, exit));
            }
            else
            {
                LowerStatement(operations[k], list);
            }
        }
        return new BlockStmt(list.ToEquatableArray());
    }

    /// <summary>The condition under which a (non-default) section runs: any of its labels matches.</summary>
    private Expr SectionCondition(ISwitchCaseOperation section, Expr value)
    {
        Expr? any = null;
        foreach (var clause in section.Clauses)
        {
            Expr? test = clause switch
            {
                ISingleValueCaseClauseOperation single => Equal(value, Value(single.Value)),
                IPatternCaseClauseOperation pattern => WithGuard(PatternCondition(pattern.Pattern, value), pattern.Guard),
                _ => null,
            };
            if (test is null)
            {
                Report(DiagnosticDescriptors.UnsupportedStatement, clause.Syntax, "case label '" + SourceText(clause.Syntax) + "'");
                test = Literals.Boolean(false);
            }
            any = any is null ? test : new BinaryExpr(ScalarType.Boolean, BinaryOp.Or, any, test);
        }
        return any ?? Literals.Boolean(false);
    }

    /// <summary>
    /// Lowers a switch expression on an integer to nested conditionals, arms tested in source order. It must end with
    /// a discard arm <c>_ =&gt; …</c>: otherwise a value no arm matches would throw in the user's method, and the
    /// generated code has no exception to throw in its place.
    /// </summary>
    private Expr LowerSwitchExpression(ISwitchExpressionOperation switchExpression, ScalarType type)
    {
        var governing = SwitchValueType(switchExpression.Value);
        if (governing is null)
        {
            return Unsupported(switchExpression, "a switch on a value of type '" + TypeName(switchExpression.Value.Type) + "'");
        }
        var arms = switchExpression.Arms;
        if (arms.Length == 0 || arms[arms.Length - 1] is not { Pattern: IDiscardPatternOperation, Guard: null })
        {
            return Unsupported(switchExpression, "switch expression without a final discard arm '_ =>'");
        }

        // The governing value is repeated in each test; it is an integer expression without side effects.
        var value = Value(switchExpression.Value);
        return NotHoisted(() =>
        {
            Expr result = Convert(Value(arms[arms.Length - 1].Value), type);
            for (int k = arms.Length - 2; k >= 0; k--)
            {
                var test = WithGuard(PatternCondition(arms[k].Pattern, value), arms[k].Guard);
                if (test is null)
                {
                    Unsupported(arms[k].Pattern, "a pattern other than a constant, a relational pattern or their 'and'/'or'/'not'");
                    test = Literals.Boolean(false);
                }
                result = new ConditionalExpr(type, test, Convert(Value(arms[k].Value), type), result);
            }
            return result;
        });
    }

    /// <summary>Int32 or Int64 when <paramref name="value"/> is an integer the switch can compare; null otherwise.</summary>
    private static ScalarType? SwitchValueType(IOperation value) =>
        value.Type is { } type && MapType(type) is { } mapped && mapped.IsInteger() ? mapped : null;

    /// <summary>
    /// The condition of a pattern over an integer: constants, relational patterns (<c>&lt; 3</c>), <c>and</c>,
    /// <c>or</c>, <c>not</c> and the discard. Null for patterns that declare variables or test types.
    /// </summary>
    private Expr? PatternCondition(IPatternOperation pattern, Expr value)
    {
        switch (pattern)
        {
            case IConstantPatternOperation constant:
                return Equal(value, Value(constant.Value));
            case IRelationalPatternOperation relational:
                var op = relational.OperatorKind switch
                {
                    BinaryOperatorKind.LessThan => BinaryOp.Less,
                    BinaryOperatorKind.LessThanOrEqual => BinaryOp.LessOrEqual,
                    BinaryOperatorKind.GreaterThan => BinaryOp.Greater,
                    BinaryOperatorKind.GreaterThanOrEqual => BinaryOp.GreaterOrEqual,
                    _ => (BinaryOp?)null,
                };
                return op is null ? null : new BinaryExpr(ScalarType.Boolean, op.Value, value, Convert(Value(relational.Value), value.Type));
            case IBinaryPatternOperation binary:
                var left = PatternCondition(binary.LeftPattern, value);
                var right = PatternCondition(binary.RightPattern, value);
                if (left is null || right is null) return null;
                return new BinaryExpr(ScalarType.Boolean, binary.OperatorKind == BinaryOperatorKind.Or ? BinaryOp.Or : BinaryOp.And, left, right);
            case INegatedPatternOperation negated:
                var inner = PatternCondition(negated.Pattern, value);
                return inner is null ? null : new UnaryExpr(ScalarType.Boolean, UnaryOp.Not, inner);
            case IDiscardPatternOperation:
                return Literals.Boolean(true);
            default:
                return null;
        }
    }

    /// <summary>Adds a <c>when</c> guard to a pattern's condition; the guard runs only after a match, so nothing in it is hoisted.</summary>
    private Expr? WithGuard(Expr? condition, IOperation? guard)
    {
        if (condition is null || guard is null) return condition;
        var lowered = NotHoisted(() => Condition(guard));
        return new BinaryExpr(ScalarType.Boolean, BinaryOp.And, condition, lowered);
    }

    /// <summary><c>value == label</c>, the label converted to the governing type.</summary>
    private Expr Equal(Expr value, Expr label) => new BinaryExpr(ScalarType.Boolean, BinaryOp.Equal, value, Convert(label, value.Type));

    /// <summary>Whether <paramref name="branch"/> leaves one of the switch statements being lowered.</summary>
    private bool IsSwitchExit(IBranchOperation branch) =>
        _scope.SwitchExits.Any(exit => SymbolEqualityComparer.Default.Equals(exit, branch.Target));
}
