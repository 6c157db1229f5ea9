using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AutoDiffLbfgs.Generator.Diagnostics;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffLbfgs.Generator.Lowering;

/// <summary>
/// Lowers a method body from Roslyn's <see cref="IOperation"/> tree into our IR. Every construct outside the
/// differentiable subset becomes a diagnostic at the construct and the walk goes on, so one build reports every
/// problem; the IR is only used when no diagnostic was reported.
/// </summary>
/// <remarks>
/// The lowering is split by concept: this file holds statements and expressions of the first tier;
/// <c>BodyLowering.ForEach.cs</c>, <c>BodyLowering.Switch.cs</c> and <c>BodyLowering.Calls.cs</c> hold the
/// second-tier constructs that are rewritten into first-tier IR (indexed loops, if/else chains, inlined helpers).
/// A construct may need statements before the statement that contains it (an inlined helper's body): those collect
/// in <see cref="_scope.Pending"/> and are flushed right before that statement, see <see cref="Flush"/>.
/// </remarks>
internal sealed partial class BodyLowering
{
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.Compiled);

    private readonly IMethodSymbol _method;
    private readonly string _memberPrefix;
    private readonly IParameterSymbol _variables;
    private readonly ScalarType _element;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly SemanticModel _model;

    /// <summary>The state of the body being lowered: the objective's, or that of a helper transformed once.</summary>
    private BodyScope _scope;

    /// <summary>Creates the lowering of one objective.</summary>
    /// <param name="method">The objective.</param>
    /// <param name="variables">Its first parameter.</param>
    /// <param name="element">Its element type (double or float).</param>
    /// <param name="memberPrefix">What the names of generated helper methods start with (see <c>ObjectiveSpec.MemberPrefix</c>).</param>
    /// <param name="model">The semantic model of the objective's tree; helpers in other trees get their own.</param>
    /// <param name="diagnostics">Where problems are reported.</param>
    public BodyLowering(IMethodSymbol method, IParameterSymbol variables, ScalarType element, string memberPrefix, SemanticModel model, List<DiagnosticInfo> diagnostics)
    {
        _method = method;
        _memberPrefix = memberPrefix;
        _variables = variables;
        _element = element;
        _model = model;
        _diagnostics = diagnostics;
        // Names the lowering invents (foreach counters, inlined helpers' locals) must not shadow anything the
        // objective's body mentions, so every identifier in its declaration is taken.
        var taken = method.DeclaringSyntaxReferences
            .SelectMany(r => r.GetSyntax().DescendantTokens())
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken))
            .Select(t => t.ValueText);
        _scope = new BodyScope(InlineFrame.ForObjective(method, element), new NameAllocator(taken));
    }

    /// <summary>Lowers the method body; expression bodies become a single return.</summary>
    public BlockStmt Lower(IMethodBodyOperation body)
    {
        var block = body.BlockBody ?? body.ExpressionBody;
        var lowered = block is null ? BlockStmt.Empty : LowerBlock(block);
        lowered = CheckLocalArrays(lowered);
        return _scope.OverwrittenArrays.Count == 0 ? lowered : MarkOverwrittenBlock(lowered);
    }

    private BlockStmt LowerBlock(IBlockOperation block)
    {
        if (block.Syntax.Parent is UnsafeStatementSyntax unsafeStatement)
        {
            Report(DiagnosticDescriptors.UnsafeCode, unsafeStatement, "unsafe"); // the block stands for the statement: refused at the statement
        }
        var list = new List<Stmt>();
        var unreachable = new List<Stmt>();
        foreach (var operation in block.Operations)
        {
            // After a statement that always leaves the block (a return, or `if (true) return e;` folded to its branch),
            // the rest is still checked but not kept: no copy of it would be reachable code (CS0162).
            bool exited = list.Count > 0 && IrQueries.AlwaysLeaves(list[list.Count - 1]);
            LowerStatement(operation, exited ? unreachable : list);
        }
        return new BlockStmt(list.ToEquatableArray());
    }

    private BlockStmt LowerAsBlock(IOperation? operation)
    {
        if (operation is null) return BlockStmt.Empty;
        if (operation is IBlockOperation block) return LowerBlock(block);
        var list = new List<Stmt>();
        LowerStatement(operation, list);
        return new BlockStmt(list.ToEquatableArray());
    }

    private void LowerStatement(IOperation operation, List<Stmt> output)
    {
        string source = SourceText(operation.Syntax);
        switch (operation)
        {
            case IBlockOperation block:
                output.Add(LowerBlock(block));
                break;
            case IVariableDeclarationGroupOperation group:
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        var stmt = LowerDeclarator(declarator);
                        Flush(output, stmt);
                        if (stmt is not null) output.Add(stmt with { Source = SourceText(declarator.Syntax) });
                    }
                }
                break;
            case IExpressionStatementOperation expressionStatement:
                var lowered = LowerExpressionStatement(expressionStatement.Operation);
                Flush(output, lowered);
                if (lowered is not null) output.Add(lowered with { Source = source });
                break;
            case IForLoopOperation forLoop:
                output.Add(LowerFor(forLoop) with { Source = source });
                break;
            case IForEachLoopOperation forEach:
                var forEachLoop = LowerForEach(forEach);
                if (forEachLoop is not null) output.Add(forEachLoop with { Source = source });
                break;
            case ISwitchOperation switchStatement:
                LowerSwitch(switchStatement, output);
                break;
            case IWhileLoopOperation whileLoop:
                var whileCondition = whileLoop.Condition is null ? Literals.Boolean(true) : NotHoisted(() => Condition(whileLoop.Condition));
                output.Add(new WhileStmt(whileCondition, LowerAsBlock(whileLoop.Body), !whileLoop.ConditionIsTop) { Source = source });
                break;
            case IConditionalOperation conditional:
                var ifCondition = Condition(conditional.Condition);
                Flush(output, new[] { ifCondition });
                var then = LowerAsBlock(conditional.WhenTrue);
                var otherwise = conditional.WhenFalse is null ? null : LowerAsBlock(conditional.WhenFalse);
                if (ifCondition is ConstExpr { Type: ScalarType.Boolean } constant)
                {
                    // `if (1.8 < -1.6)`: only the branch the constant picks runs (both were checked), so no copy of the
                    // body holds code the compiler calls unreachable (CS0162).
                    var taken = constant.Value != 0 ? then : otherwise;
                    if (taken is { Statements.Count: > 0 }) output.Add(taken with { Source = source });
                    break;
                }
                output.Add(new IfStmt(ifCondition, then, otherwise) { Source = source });
                break;
            case IReturnOperation ret when LowerTupleReturn(ret, output, source):
                break;
            case IReturnOperation { ReturnedValue: null } when !_scope.Frame.IsObjective && _scope.Frame.Method.ReturnsVoid:
                // A helper that gives its values back through out parameters: the structurizer wants a value.
                output.Add(new ReturnStmt(Literals.Zero(_scope.Frame.ReturnType)) { Source = source });
                break;
            case IReturnOperation ret:
                if (ret.ReturnedValue is null)
                {
                    RefuseStatement(ret, "empty return");
                }
                else
                {
                    var returned = Convert(Value(ret.ReturnedValue), _scope.Frame.ReturnType);
                    Flush(output, new[] { returned });
                    output.Add(new ReturnStmt(returned) { Source = source });
                }
                break;
            case IBranchOperation branch when branch.BranchKind == BranchKind.Break && IsSwitchExit(branch):
                // A break that leaves a switch from inside a section (not its last statement) has no loop to leave.
                RefuseStatement(branch, "break out of the middle of a switch section");
                break;
            case IBranchOperation branch when branch.BranchKind == BranchKind.Break:
                output.Add(new BreakStmt() { Source = source });
                break;
            case IBranchOperation branch when branch.BranchKind == BranchKind.Continue:
                output.Add(new ContinueStmt() { Source = source });
                break;
            case IBranchOperation or ILabeledOperation:
                RefuseGoto(operation);
                break;
            case IEmptyOperation:
                break;
            case ITryOperation or IThrowOperation:
                RefuseExceptionHandling(operation);
                break;
            case ILocalFunctionOperation:
                // Nothing runs where a local function is declared: its body is inlined at every call (BodyLowering.Calls.cs) or transformed once (BodyLowering.HelperMethods.cs).
                break;
            default:
                if (operation.Syntax is FixedStatementSyntax)
                {
                    RefuseUnsafe(operation, "fixed");
                }
                else
                {
                    RefuseStatement(operation, Keyword(operation.Syntax));
                }
                break;
        }
    }

    private Stmt? LowerDeclarator(IVariableDeclaratorOperation declarator)
    {
        var local = declarator.Symbol;
        var type = MapType(local.Type);
        var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
        if (AliasedView(local, initializer) is { } view)
        {
            DeclareView(local, view, declarator);
            return null;
        }
        if (IsLocalArrayType(local.Type)) return LowerArrayDeclarator(declarator, local, initializer);
        if (type is null || local.Type.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Boolean))
        {
            RefuseLocal(declarator);
            return null;
        }
        Expr? init = initializer is null ? null : Convert(Value(initializer.Value), type.Value);
        return new DeclareStmt(DeclareLocal(local), type!.Value, init);
    }

    private ForStmt LowerFor(IForLoopOperation loop)
    {
        var init = new List<Stmt>();
        foreach (var op in loop.Before) LowerStatement(op, init);
        var increment = new List<Stmt>();
        foreach (var op in loop.AtLoopBottom) LowerStatement(op, increment);
        var condition = loop.Condition is null ? null : NotHoisted(() => Condition(loop.Condition));
        return new ForStmt(new BlockStmt(init.ToEquatableArray()), condition, new BlockStmt(increment.ToEquatableArray()), LowerAsBlock(loop.Body));
    }

    /// <summary>Moves the statements pending for the statement being lowered into <paramref name="output"/>, before it.</summary>
    private void Flush(List<Stmt> output) => Flush(output, System.Array.Empty<Expr>());

    /// <summary>
    /// <see cref="Flush(List{Stmt})"/> for the statement <paramref name="statement"/> (null when it lowered to nothing).
    /// </summary>
    private void Flush(List<Stmt> output, Stmt? statement) =>
        Flush(output, statement is null ? System.Array.Empty<Expr>() : IrTree.Expressions(statement));

    /// <summary>
    /// Flushes the pending statements of a statement whose own expressions are <paramref name="expressions"/>, and
    /// refuses an increment used as a value whose local the statement reads again: its increment runs before the
    /// statement, so another read could not tell whether it comes before or after the increment in C#'s order.
    /// </summary>
    private void Flush(List<Stmt> output, IEnumerable<Expr> expressions)
    {
        if (_scope.PendingWrites.Count > 0)
        {
            var reads = new HashSet<string>();
            foreach (var e in expressions) IrQueries.LocalReads(e, reads);
            foreach (var (name, site, why) in _scope.PendingWrites.Where(p => reads.Contains(p.Name)))
            {
                Report(DiagnosticDescriptors.UnsupportedExpression, site, Short(site), why);
            }
            _scope.PendingWrites.Clear();
        }
        output.AddRange(_scope.Pending);
        _scope.Pending.Clear();
    }

    /// <summary>Lowers an expression that runs a number of times other than once before its statement; see <see cref="_scope.NoHoist"/>.</summary>
    private T NotHoisted<T>(Func<T> lower)
    {
        _scope.NoHoist++;
        try
        {
            return lower();
        }
        finally
        {
            _scope.NoHoist--;
        }
    }

    /// <summary>The IR name of a local declared here: the user's name in the objective, a fresh name in an inlined helper.</summary>
    private string DeclareLocal(ILocalSymbol local) => _scope.Frame.Declare(local, _scope.Names);

    private Stmt? LowerExpressionStatement(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: IDiscardOperation } discard:
                Value(discard.Value); // `_ = e;` has no effect on the result: checked, then dropped
                return null;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation arrayLocal } when LocalArray(arrayLocal) is not null:
                Report(DiagnosticDescriptors.LocalArrayNotWriteOnce, operation.Syntax, arrayLocal.Local.Name, "is assigned a new array");
                return null;
            case ISimpleAssignmentOperation assignment when ArrayElementTarget(assignment.Target) is { } element:
                return new ElementAssignStmt(element.Array, element.Index, Convert(Value(assignment.Value), element.Element), Accumulate: false);
            case ICompoundAssignmentOperation { Target: var updated } compound when ArrayElementTarget(updated) is { } element:
                return LowerElementUpdate(compound, element.Array, element.Index, element.Element);
            case IIncrementOrDecrementOperation { Target: var stepped } step when ArrayElementTarget(stepped) is { } element:
                return new ElementAssignStmt(element.Array, element.Index,
                    Literals.Of(element.Element, step.Kind == OperationKind.Decrement ? -1 : 1), Accumulate: true);
            case ISimpleAssignmentOperation assignment when RefuseViewAssignment(assignment.Target, assignment):
                return null; // the new slice is not lowered: one error for the statement
            case ISimpleAssignmentOperation assignment:
            {
                var name = AssignmentTarget(assignment.Target, assignment);
                var value = Value(assignment.Value);
                return name is null ? null : new AssignStmt(name.Value.Name, Convert(value, name.Value.Type));
            }
            case ICompoundAssignmentOperation compound:
            {
                var name = AssignmentTarget(compound.Target, compound);
                var value = Value(compound.Value);
                if (name is null) return null;
                var (target, type) = name.Value;
                if (compound.OperatorMethod is not null)
                {
                    RefuseOperator(compound, compound.OperatorMethod, compound.OperatorKind.ToString());
                    return null;
                }
                var op = MapBinary(compound.OperatorKind);
                if (op is BinaryOp.Add or BinaryOp.Subtract)
                {
                    return new AccumulateStmt(target, op == BinaryOp.Subtract, Convert(value, type));
                }
                if (op is null)
                {
                    RefuseOperator(compound, null, OperatorText(compound.Syntax));
                    return null;
                }
                var binaryType = Promote(type, value.Type);
                var combined = new BinaryExpr(binaryType, op.Value, Convert(new LocalExpr(type, target), binaryType), Convert(value, binaryType));
                return new AssignStmt(target, Convert(combined, type));
            }
            case IIncrementOrDecrementOperation increment:
            {
                var name = AssignmentTarget(increment.Target, increment);
                if (name is null) return null;
                var (target, type) = name.Value;
                return new AccumulateStmt(target, increment.Kind == OperationKind.Decrement, Literals.One(type));
            }
            case IDeconstructionAssignmentOperation deconstruction:
                LowerDeconstruction(deconstruction);
                return null;
            case IInvocationOperation { TargetMethod.ReturnsVoid: true } call when LowerOutCall(call):
                return null;
            case IInvocationOperation { TargetMethod.ReturnsVoid: true } call:
                RefuseCall(call); // Console.WriteLine, Debug.Assert, a void helper: nothing to differentiate
                return null;
            default:
                // A value computed and thrown away has no effect to differentiate: refused, unless what computes it
                // already was.
                int before = _diagnostics.Count;
                Value(operation);
                if (_diagnostics.Count == before) RefuseDiscardedValue(operation);
                return null;
        }
    }

    /// <summary>Resolves the target of an assignment to a local, reporting writes to variables or data.</summary>
    private (string Name, ScalarType Type)? AssignmentTarget(IOperation target, IOperation assignment)
    {
        if (target is ILocalReferenceOperation arrayLocal && LocalArray(arrayLocal) is not null)
        {
            Report(DiagnosticDescriptors.LocalArrayNotWriteOnce, assignment.Syntax, arrayLocal.Local.Name, "is assigned a new array");
            return null;
        }
        if (target is ILocalReferenceOperation local)
        {
            var type = MapType(local.Local.Type);
            if (type is null || _scope.RefusedLocals.Contains(local.Local)) return null; // already reported at its declaration
            var (name, owner) = _scope.Frame.Resolve(local.Local);
            if (owner != _scope.Frame)
            {
                // A helper writing its caller's local would change it at the call, not where the caller's statement
                // reads it; inlining could not keep that order, so it is refused.
                Report(DiagnosticDescriptors.HelperNotInlinable, assignment.Syntax, _scope.Frame.Method.Name, "it assigns '" + local.Local.Name + "', a local of the code that calls it");
                return null;
            }
            return (name, type.Value);
        }
        if (target is IParameterReferenceOperation { Parameter: var parameter } && _scope.Frame.Binding(parameter) is { Value: LocalExpr bound })
        {
            return (bound.Name, bound.Type); // a helper's own parameter is a local of the inlined code
        }
        if (IsVariablesAccess(target))
        {
            Report(DiagnosticDescriptors.AssignmentToVariables, assignment.Syntax, Short(assignment.Syntax), _variables.Name);
            return null;
        }
        Report(DiagnosticDescriptors.AssignmentToData, assignment.Syntax, Short(assignment.Syntax), Short(target.Syntax));
        return null;
    }

    private bool IsVariablesAccess(IOperation target) => target switch
    {
        IParameterReferenceOperation p => SymbolEqualityComparer.Default.Equals(p.Parameter, _variables) || _scope.Frame.Binding(p.Parameter) is { IsVariables: true } or { View.Base: ViewBase.Variables },
        ILocalReferenceOperation l => _scope.Views.TryGetValue(l.Local, out var view) && view.Base == ViewBase.Variables,
        IInvocationOperation call when SliceOf(call) is { } slice => IsVariablesAccess(slice.Source),
        IImplicitIndexerReferenceOperation indexer => IsVariablesAccess(indexer.Instance),
        IConversionOperation { Conversion.IsImplicit: true, OperatorMethod: null } c => IsVariablesAccess(c.Operand),
        IArrayElementReferenceOperation a => IsVariablesAccess(a.ArrayReference),
        IPropertyReferenceOperation { Instance: { } instance } => IsVariablesAccess(instance),
        _ => false,
    };

    private Expr Condition(IOperation operation) => Convert(Value(operation), ScalarType.Boolean);

    /// <summary>Lowers an expression. On error it reports and returns a placeholder literal so the walk continues.</summary>
    private Expr Value(IOperation operation)
    {
        var type = operation.Type is null ? null : MapType(operation.Type);
        if (operation.ConstantValue.HasValue && type is not null && operation.ConstantValue.Value is not null)
        {
            return Constant(operation.ConstantValue.Value, type.Value);
        }

        switch (operation)
        {
            case ILocalReferenceOperation refused when _scope.RefusedLocals.Contains(refused.Local):
                return Placeholder(); // reported at its declaration
            case ILocalReferenceOperation local when type is not null:
                return new LocalExpr(type.Value, _scope.Frame.Resolve(local.Local).Name);
            case IParameterReferenceOperation { Parameter: var bound } when _scope.Frame.Binding(bound) is { Value: { } value }:
                return value;
            case IParameterReferenceOperation parameter when type is not null && !IsVariablesAccess(parameter) && DataText(parameter) is { } parameterText:
                return new DataExpr(type.Value, parameterText);
            case IArrayElementReferenceOperation element:
                return Element(element.ArrayReference, element.Indices, operation);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } indexer:
                return Element(instance, indexer.Arguments.Select(a => a.Value).ToArray(), operation);
            case IImplicitIndexerReferenceOperation { Argument.Type.Name: "Index", Instance: { } indexed } fromEnd:
                return Element(indexed, new[] { fromEnd.Argument }, operation);
            case IPropertyReferenceOperation { Property.Name: "Length", Instance: { } lengthOf } when type == ScalarType.Int32:
                if (View(lengthOf) is { } lengthView) return lengthView.Length;
                if (IsVariablesAccess(lengthOf)) return new VariablesLengthExpr();
                if (LocalArray(lengthOf) is { } lengthArray) return new ArrayLengthExpr(lengthArray);
                if (JaggedRow(lengthOf) is { } jaggedRow) return new DataRowLengthExpr(jaggedRow.Table, jaggedRow.Row);
                var array = DataText(lengthOf);
                return array is null ? UnsupportedInner(lengthOf, operation, "the length of something other than the variables, data or a local array") : new DataExpr(ScalarType.Int32, array + ".Length");
            case IPropertyReferenceOperation or IFieldReferenceOperation when type is not null:
                var text = DataText(operation);
                if (text is not null) return new DataExpr(type.Value, text);
                const string NotData = "a member that is not data: a field or property of this type, of a data parameter or a static one";
                var owner = (operation as IMemberReferenceOperation)?.Instance;
                return owner is null or IInstanceReferenceOperation ? Unsupported(operation, NotData) : UnsupportedInner(owner, operation, NotData);
            case IConversionOperation conversion:
                return LowerConversion(conversion, type);
            case IUnaryOperation unary when type is not null:
                return LowerUnary(unary, type.Value);
            case IBinaryOperation binary when type is not null:
                return LowerBinary(binary, type.Value);
            case IConditionalOperation conditional when type is not null && conditional.WhenFalse is not null:
                var selector = Condition(conditional.Condition);
                // Only one branch runs: nothing in either may be hoisted in front of the statement. A constant selector
                // (`1.3 > 0.4 ? a : b`) is the arm it picks (both are still checked), so no pass meets a branch that
                // never runs, and no split of it leaves an unreachable arm (CS0162).
                return NotHoisted(() =>
                {
                    var whenTrue = Convert(Value(conditional.WhenTrue), type.Value);
                    var whenFalse = Convert(Value(conditional.WhenFalse!), type.Value);
                    return selector is ConstExpr constant ? (constant.Value != 0 ? whenTrue : whenFalse) : new ConditionalExpr(type.Value, selector, whenTrue, whenFalse);
                });
            case ISwitchExpressionOperation switchExpression when type is not null:
                return LowerSwitchExpression(switchExpression, type.Value);
            case IInvocationOperation invocation:
                return LowerInvocation(invocation, type);
            case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation counter } step
                when _scope.NoHoist == 0 && MapType(counter.Local.Type) is ScalarType.Int32 or ScalarType.Int64 && !_scope.RefusedLocals.Contains(counter.Local):
                return LowerIncrementValue(step);
            default:
                return RefuseExpression(operation);
        }
    }

    private Expr Element(IOperation arrayOperation, IReadOnlyList<IOperation> indices, IOperation operation)
    {
        var type = operation.Type is null ? null : MapType(operation.Type);
        if (type is null) return Unsupported(operation, "an element of type '" + TypeName(operation.Type) + "'");
        if (indices.Count == 1 && View(arrayOperation) is { } view) return view.Element(type.Value, IndexIn(view, indices[0]));
        if (indices.Count == 1 && JaggedRow(arrayOperation) is { } row)
        {
            return new DataElementExpr(type.Value, row.Table, Convert(Value(indices[0]), ScalarType.Int32), row.Row, Jagged: true);
        }
        if (indices.Count == 2 && DataText(arrayOperation) is { } table && arrayOperation.Type is IArrayTypeSymbol { Rank: 2 })
        {
            var first = Convert(Value(indices[0]), ScalarType.Int32);
            return new DataElementExpr(type.Value, table, Convert(Value(indices[1]), ScalarType.Int32), first);
        }
        var loweredIndices = indices.Select(i => Convert(Value(i), ScalarType.Int32)).ToArray();
        if (LocalArray(arrayOperation) is { } localArray)
        {
            return loweredIndices.Length == 1 ? new ArrayElementExpr(type.Value, localArray, loweredIndices[0]) : Unsupported(operation, "a multi-dimensional index");
        }
        if (IsVariablesAccess(arrayOperation))
        {
            return loweredIndices.Length == 1 ? new VariableElementExpr(type.Value, loweredIndices[0]) : Unsupported(operation, "a multi-dimensional index");
        }
        var array = DataText(arrayOperation);
        if (array is null) return UnsupportedInner(arrayOperation, operation, "an element of something other than the variables, data or a local array");
        return loweredIndices.Length == 1
            ? new DataElementExpr(type.Value, array, loweredIndices[0])
            : Unsupported(operation, "a multi-dimensional index");
    }

    /// <summary>The C# text that reaches a data value from generated code, or null when it is not data.</summary>
    private string? DataText(IOperation operation)
    {
        switch (operation)
        {
            case IParameterReferenceOperation parameter when _scope.Frame.Binding(parameter.Parameter) is { } binding:
                return binding.DataText;
            case IParameterReferenceOperation parameter when IsObjectiveData(parameter.Parameter):
                return parameter.Parameter.Name;
            case IFieldReferenceOperation field:
                return MemberText(field.Field, field.Instance);
            case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                return MemberText(property.Property, property.Instance);
            case IConversionOperation { Conversion.IsIdentity: true } identity:
                return DataText(identity.Operand);
            default:
                return null;
        }
    }

    /// <summary>Whether <paramref name="parameter"/> is one of the objective's data parameters (read directly, or captured by a local function).</summary>
    private bool IsObjectiveData(IParameterSymbol parameter) =>
        SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method) && !SymbolEqualityComparer.Default.Equals(parameter, _variables);

    private string? MemberText(ISymbol member, IOperation? instance)
    {
        if (member.IsStatic)
        {
            return member.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member.Name;
        }
        if (instance is IInstanceReferenceOperation) return "this." + member.Name;
        var owner = instance is null ? null : DataText(instance);
        return owner is null ? null : owner + "." + member.Name;
    }

    private Expr LowerConversion(IConversionOperation conversion, ScalarType? type)
    {
        if (conversion.OperatorMethod is not null || type is null)
        {
            return conversion.OperatorMethod is null
                ? Unsupported(conversion, "a conversion to '" + TypeName(conversion.Type) + "'")
                : RefuseOperator(conversion, conversion.OperatorMethod, "conversion");
        }
        return Convert(Value(conversion.Operand), type.Value);
    }

    private Expr LowerUnary(IUnaryOperation unary, ScalarType type)
    {
        if (unary.OperatorMethod is not null) return RefuseOperator(unary, unary.OperatorMethod, unary.OperatorKind.ToString());
        var operand = Convert(Value(unary.Operand), type);
        return unary.OperatorKind switch
        {
            UnaryOperatorKind.Plus => operand,
            UnaryOperatorKind.Minus => new UnaryExpr(type, UnaryOp.Negate, operand),
            UnaryOperatorKind.Not => new UnaryExpr(type, UnaryOp.Not, operand),
            _ => RefuseOperator(unary, null, OperatorText(unary.Syntax)),
        };
    }

    private Expr LowerBinary(IBinaryOperation binary, ScalarType type)
    {
        if (binary.OperatorMethod is not null) return RefuseOperator(binary, binary.OperatorMethod, binary.OperatorKind.ToString());
        var op = MapBinary(binary.OperatorKind);
        if (op is null) return RefuseOperator(binary, null, OperatorText(binary.Syntax));
        var left = Value(binary.LeftOperand);
        // The right operand of && and || runs only when the left one does not decide: nothing may be hoisted from it.
        var right = binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr
            ? NotHoisted(() => Value(binary.RightOperand))
            : Value(binary.RightOperand);
        if (op == BinaryOp.Remainder && type.IsFloating()) return Unsupported(binary, "the remainder '%' of floating-point values; use Math.IEEERemainder or an explicit floor");
        // Comparisons work in the promoted operand type; arithmetic in the result type.
        var operandType = op is BinaryOp.And or BinaryOp.Or ? ScalarType.Boolean : type == ScalarType.Boolean ? Promote(left.Type, right.Type) : type;
        return new BinaryExpr(type, op.Value, Convert(left, operandType), Convert(right, operandType));
    }

    private Expr LowerInvocation(IInvocationOperation invocation, ScalarType? type)
    {
        var target = invocation.TargetMethod;
        if (_scope.Frame.IsOnStack(target) || IsBeingTransformed(target))
        {
            Report(DiagnosticDescriptors.Recursion, invocation.Syntax, target.Name);
            return Placeholder();
        }
        if (type is not null && KnownFunctions.IsClamp(target))
        {
            return LowerClamp(invocation, type.Value);
        }
        if (type == ScalarType.Int32 && DimensionLength(invocation) is { } dimension)
        {
            return dimension;
        }
        if (type is not null && KnownFunctions.IsLogWithBase(target))
        {
            return LowerLogWithBase(invocation, type.Value);
        }
        if (type is not null && SpanRuleNames(target) is { } spanRule)
        {
            return LowerSpanRuleCall(invocation, spanRule, type.Value);
        }
        if (type is not null && DerivativeNames(target) is { } partials)
        {
            return LowerUserRuleCall(invocation, partials, type.Value);
        }
        if (KnownFunctions.Find(target) is null && type is not null && HelperBody(target) is { } helper)
        {
            if (TransformsOnce(invocation, helper)) return CallTransformedHelper(invocation, helper, type.Value);
            return SpanHelperTransformsOnce(invocation, helper) ? CallSpanHelper(invocation, helper, type.Value) : InlineCall(invocation, helper, type.Value);
        }
        var function = KnownFunctions.Find(target);
        if (function is null || type is null) return RefuseCall(invocation);
        var args = invocation.Arguments.Select(a => Value(a.Value)).ToArray();
        var argumentTypes = target.Parameters.Select(p => MapType(p.Type) ?? type.Value).ToArray();
        var converted = args.Select((a, i) => Convert(a, argumentTypes[i])).ToEquatableArray();
        return new CallExpr(type.Value, function.Value, converted);
    }

    private Expr Constant(object value, ScalarType type) => value switch
    {
        bool b => Literals.Boolean(b),
        double d => Literals.Of(type, d),
        float f => Literals.Of(type, f),
        long l when type.IsInteger() => Literals.Integer(type, l),
        int i when type.IsInteger() => Literals.Integer(type, i),
        _ => Literals.Of(type, System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private Expr Placeholder() => Literals.Zero(_element);

    private void Report(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, node, args));

    private static Expr Convert(Expr expr, ScalarType type) => Conversions.Convert(expr, type);

    private static ScalarType Promote(ScalarType a, ScalarType b) => Conversions.Promote(a, b);

    internal static ScalarType? MapType(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Double => ScalarType.Double,
        SpecialType.System_Single => ScalarType.Single,
        SpecialType.System_Int32 or SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_UInt16 => ScalarType.Int32,
        SpecialType.System_Int64 => ScalarType.Int64,
        SpecialType.System_Boolean => ScalarType.Boolean,
        _ => null,
    };

    private static BinaryOp? MapBinary(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => BinaryOp.Add,
        BinaryOperatorKind.Subtract => BinaryOp.Subtract,
        BinaryOperatorKind.Multiply => BinaryOp.Multiply,
        BinaryOperatorKind.Divide => BinaryOp.Divide,
        BinaryOperatorKind.Remainder => BinaryOp.Remainder,
        BinaryOperatorKind.LessThan => BinaryOp.Less,
        BinaryOperatorKind.LessThanOrEqual => BinaryOp.LessOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOp.Greater,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOp.GreaterOrEqual,
        BinaryOperatorKind.Equals => BinaryOp.Equal,
        BinaryOperatorKind.NotEquals => BinaryOp.NotEqual,
        BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And => BinaryOp.And,
        BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or => BinaryOp.Or,
        _ => null,
    };

    /// <summary>One-line text of a statement for comments and messages: loop and if headers without their bodies.</summary>
    internal static string SourceText(SyntaxNode syntax)
    {
        string text = syntax switch
        {
            ForStatementSyntax f => "for (" + string.Join(", ", f.Initializers.Select(i => i.ToString()).Concat(f.Declaration is null ? Array.Empty<string>() : new[] { f.Declaration.ToString() }))
                + "; " + f.Condition + "; " + string.Join(", ", f.Incrementors.Select(i => i.ToString())) + ")",
            WhileStatementSyntax w => "while (" + w.Condition + ")",
            DoStatementSyntax d => "do … while (" + d.Condition + ")",
            IfStatementSyntax i => "if (" + i.Condition + ")",
            ForEachStatementSyntax e => "foreach (" + e.Type + " " + e.Identifier.ValueText + " in " + e.Expression + ")",
            SwitchStatementSyntax s => "switch (" + s.Expression + ")",
            BlockSyntax => "{ … }",
            _ => syntax.ToString(),
        };
        return Whitespace.Replace(text, " ").Trim();
    }

    private static string Short(SyntaxNode syntax)
    {
        var text = SourceText(syntax);
        return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
    }

    private static string Keyword(SyntaxNode syntax) => syntax switch
    {
        ForEachStatementSyntax => "foreach",
        ForEachVariableStatementSyntax => "foreach with deconstruction",
        SwitchStatementSyntax => "switch",
        UsingStatementSyntax => "using",
        LockStatementSyntax => "lock",
        YieldStatementSyntax => "yield",
        TryStatementSyntax => "try",
        ThrowStatementSyntax => "throw",
        CheckedStatementSyntax => "checked",
        LocalDeclarationStatementSyntax => "local declaration",
        _ => Words(syntax.Kind().ToString()).Replace(" statement", ""),
    };

    /// <summary>The operator token of a unary, binary or compound-assignment expression, as written (<c>^</c>, <c>&lt;&lt;</c>, <c>~</c>).</summary>
    private static string OperatorText(SyntaxNode syntax) => syntax switch
    {
        BinaryExpressionSyntax b => b.OperatorToken.Text,
        AssignmentExpressionSyntax a => a.OperatorToken.Text,
        PrefixUnaryExpressionSyntax p => p.OperatorToken.Text,
        PostfixUnaryExpressionSyntax p => p.OperatorToken.Text,
        _ => Short(syntax),
    };
}
