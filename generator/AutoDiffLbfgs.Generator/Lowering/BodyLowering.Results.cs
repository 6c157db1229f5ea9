using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Diagnostics;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffLbfgs.Generator.Lowering;

// Helpers that give back several values: `out` parameters and tuple results (`return (a, b);`), deconstructed at the
// call (`var (u, v) = Rotate(...)`), and deconstruction of a tuple literal (`(a, b) = (b, a)`). Such a helper is
// always inlined. Each value it gives back is a local of the caller, assigned by the inlined body: an out parameter
// is bound to the caller's local, and a tuple return assigns the deconstruction targets. Nothing of a tuple reaches
// the IR.
internal sealed partial class BodyLowering
{
    /// <summary>The element types of a tuple of scalars, such as <c>(double, double)</c>; null for any other type.</summary>
    private static ScalarType[]? TupleElements(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { IsTupleType: true } tuple) return null;
        var elements = tuple.TupleElements.Select(e => MapType(e.Type)).ToArray();
        return elements.All(e => e is not null) ? elements.Select(e => e!.Value).ToArray() : null;
    }

    /// <summary>
    /// Whether <paramref name="target"/> gives its values back otherwise than as one scalar result: a void method with
    /// out parameters, or a method returning a tuple of scalars.
    /// </summary>
    private static bool ReturnsSeveral(IMethodSymbol target) =>
        (target.ReturnsVoid && target.Parameters.Any(p => p.RefKind == RefKind.Out)) || TupleElements(target.ReturnType) is not null;

    /// <summary>Whether <paramref name="target"/> has an out parameter (such a helper is only ever inlined).</summary>
    private static bool HasOutParameter(IMethodSymbol target) => target.Parameters.Any(p => p.RefKind == RefKind.Out);

    /// <summary>
    /// The caller's local an out argument writes: a local declared by the argument (<c>out double u</c>,
    /// <c>out var u</c>), declared here and zero-filled (the helper assigns it before it returns, as C# requires), or
    /// an existing local (<c>out u</c>). Null, having reported, for anything else (an array element, a discard, the
    /// variables, data).
    /// </summary>
    private string? OutTarget(IArgumentOperation argument, ScalarType type, IInvocationOperation invocation)
    {
        var value = WithoutImplicitConversions(argument.Value);
        if (value is IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared })
        {
            return DeclareResultLocal(declared.Local, type, SourceText(argument.Syntax) + " (out argument of " + invocation.TargetMethod.Name + ")");
        }
        if (value is ILocalReferenceOperation) return AssignmentTarget(value, argument)?.Name; // null: reported there
        Report(DiagnosticDescriptors.ReferenceArgument, invocation.Syntax, CallName(invocation.TargetMethod), SourceText(argument.Syntax));
        return null;
    }

    /// <summary>Declares, zero-filled, a local that a helper's out parameter or a deconstruction assigns.</summary>
    private string DeclareResultLocal(ILocalSymbol local, ScalarType type, string source)
    {
        var name = DeclareLocal(local);
        _scope.Pending.Add(new DeclareStmt(name, type, Literals.Zero(type)) { Source = source });
        return name;
    }

    /// <summary>
    /// A void helper with out parameters called as a statement (<c>Rotate(a, b, out var u, out var v);</c>): inlined,
    /// its statements queued before the statement, which itself lowers to nothing.
    /// </summary>
    private bool LowerOutCall(IInvocationOperation call)
    {
        var target = call.TargetMethod;
        if (!target.ReturnsVoid || !HasOutParameter(target) || KnownFunctions.Find(target) is not null) return false;
        if (_scope.Frame.IsOnStack(target) || IsBeingTransformed(target) || HelperBody(target) is not { } body) return false;
        InlineCall(call, body, ScalarType.Int32);
        return true;
    }

    /// <summary>
    /// <c>var (u, v) = F(…);</c>, <c>(double u, double v) = F(…);</c>, <c>(u, v) = F(…);</c> with <c>F</c> a helper
    /// returning a tuple of scalars, and <c>(a, b) = (b, a);</c> with a tuple literal: the targets are caller locals
    /// (declared here when the deconstruction declares them), assigned by the inlined helper's returns or, for a
    /// literal, from temporaries holding every element first, as C# evaluates them. Everything is queued before the
    /// statement, which lowers to nothing; a refused deconstruction reports once and queues nothing.
    /// </summary>
    private void LowerDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        var targetTuple = deconstruction.Target is IDeclarationExpressionOperation { Expression: ITupleOperation declared } ? declared : deconstruction.Target as ITupleOperation;
        var value = WithoutImplicitConversions(deconstruction.Value);
        var types = TupleElements(deconstruction.Target.Type);
        if (targetTuple is null || types is null || targetTuple.Elements.Any(e => e is ITupleOperation || WithoutImplicitConversions(e) is IDeclarationExpressionOperation { Expression: ITupleOperation }))
        {
            Refuse(DiagnosticDescriptors.UnsupportedExpression, deconstruction, Short(deconstruction.Syntax), "a deconstruction other than into scalar locals");
            return;
        }
        bool helperCall = value is IInvocationOperation call && TupleElements(call.TargetMethod.ReturnType) is not null && HelperBody(call.TargetMethod) is not null
            && !_scope.Frame.IsOnStack(call.TargetMethod);
        if (!helperCall && value is not ITupleOperation)
        {
            Refuse(DiagnosticDescriptors.UnsupportedExpression, deconstruction, Short(deconstruction.Syntax), "a deconstruction of something other than a tuple literal or a call to a helper of your code returning a tuple");
            return;
        }

        // A tuple literal's elements are all evaluated before any target is assigned.
        var literal = value as ITupleOperation;
        var elements = literal is null ? null : literal.Elements.Select((e, i) => Convert(Value(e), types[i])).ToArray();
        var targets = new List<(string Name, ScalarType Type)?>();
        string source = SourceText(deconstruction.Syntax);
        for (int i = 0; i < targetTuple.Elements.Length; i++)
        {
            var element = WithoutImplicitConversions(targetTuple.Elements[i]);
            var type = (element.Type is null ? null : MapType(element.Type)) ?? types[i];
            switch (element)
            {
                case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local }:
                    targets.Add((DeclareResultLocal(local.Local, type, source), type));
                    break;
                case ILocalReferenceOperation local when deconstruction.Target is IDeclarationExpressionOperation:
                    targets.Add((DeclareResultLocal(local.Local, type, source), type));
                    break;
                case IDiscardOperation:
                    targets.Add(null);
                    break;
                default:
                    targets.Add(AssignmentTarget(element, deconstruction));
                    if (targets[targets.Count - 1] is null) return;
                    break;
            }
        }

        if (elements is not null)
        {
            var temporaries = new Expr[elements.Length];
            for (int i = 0; i < elements.Length; i++)
            {
                if (elements[i] is ConstExpr or DataExpr) { temporaries[i] = elements[i]; continue; }
                var temporary = _scope.Frame.FreshName("item" + (i + 1), _scope.Names);
                _scope.Pending.Add(new DeclareStmt(temporary, types[i], elements[i]) { Source = source });
                temporaries[i] = new LocalExpr(types[i], temporary);
            }
            for (int i = 0; i < targets.Count; i++)
            {
                if (targets[i] is { } target) _scope.Pending.Add(new AssignStmt(target.Name, Convert(temporaries[i], target.Type)) { Source = source });
            }
            return;
        }

        // Discarded elements still get a local for the helper's return to assign; dead-code removal drops it.
        var results = new List<(string Name, ScalarType Type)>();
        for (int i = 0; i < targets.Count; i++)
        {
            if (targets[i] is { } target) { results.Add(target); continue; }
            var discard = _scope.Frame.FreshName("discarded", _scope.Names);
            _scope.Pending.Add(new DeclareStmt(discard, types[i], Literals.Zero(types[i])) { Source = source });
            results.Add((discard, types[i]));
        }
        var invocation = (IInvocationOperation)value;
        InlineCall(invocation, HelperBody(invocation.TargetMethod)!, ScalarType.Int32, results);
    }

    /// <summary>
    /// <c>return (a, b);</c> in a helper whose frame has tuple results: each element assigns its result local, then
    /// the body returns. False when the frame returns one value, so the caller lowers the return as usual.
    /// </summary>
    private bool LowerTupleReturn(IReturnOperation ret, List<Stmt> output, string source)
    {
        if (_scope.Frame.Results is not { } results) return false;
        var value = ret.ReturnedValue is null ? null : WithoutImplicitConversions(ret.ReturnedValue);
        if (value is not ITupleOperation tuple || tuple.Elements.Length != results.Count)
        {
            RefuseStatement(ret, "return of a tuple that is not a tuple literal '(a, b)'");
            return true;
        }
        var values = tuple.Elements.Select((e, i) => Convert(Value(e), results[i].Type)).ToArray();
        Flush(output, values);
        for (int i = 0; i < values.Length; i++) output.Add(new AssignStmt(results[i].Name, values[i]) { Source = source });
        output.Add(new ReturnStmt(Literals.Zero(_scope.Frame.ReturnType)) { Source = source });
        return true;
    }
}
