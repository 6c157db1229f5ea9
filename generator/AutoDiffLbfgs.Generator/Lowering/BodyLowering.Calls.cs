using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Diagnostics;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffLbfgs.Generator.Lowering;

// Calls: Math.Clamp, and helper methods and local functions of the user's code inlined at the call (the helpers
// transformed once instead are in BodyLowering.HelperMethods.cs).
internal sealed partial class BodyLowering
{
    /// <summary>
    /// <c>Math.Clamp(v, lo, hi)</c> becomes <c>Min(hi, Max(lo, v))</c>: the same value whenever lo ≤ hi (Clamp
    /// throws otherwise), and, because Max/Min ties take their first argument, the derivative flows to v strictly
    /// inside (lo, hi) and to the bound that is selected otherwise, including at v = lo and v = hi.
    /// </summary>
    private Expr LowerClamp(IInvocationOperation invocation, ScalarType type)
    {
        var args = new Expr[3];
        foreach (var argument in invocation.Arguments)
        {
            int ordinal = argument.Parameter!.Ordinal;
            args[ordinal] = Convert(Value(argument.Value), MapType(argument.Parameter.Type) ?? type);
        }
        var lower = new CallExpr(type, MathFunction.Max, new[] { args[1], args[0] }.ToEquatableArray());
        return new CallExpr(type, MathFunction.Min, new Expr[] { args[2], lower }.ToEquatableArray());
    }

    /// <summary><c>Math.Log(a, newBase)</c> becomes <c>Log(a) / Log(newBase)</c> (see <see cref="KnownFunctions.IsLogWithBase"/>).</summary>
    private Expr LowerLogWithBase(IInvocationOperation invocation, ScalarType type)
    {
        var args = new Expr[2];
        foreach (var argument in invocation.Arguments)
        {
            args[argument.Parameter!.Ordinal] = Convert(Value(argument.Value), type);
        }
        return new BinaryExpr(type, BinaryOp.Divide,
            new CallExpr(type, MathFunction.Log, new[] { args[0] }.ToEquatableArray()),
            new CallExpr(type, MathFunction.Log, new[] { args[1] }.ToEquatableArray()));
    }

    /// <summary>
    /// The body of a method that can be inlined at a call: a non-generic, non-virtual method or local function with a
    /// body in source, a scalar return type, and parameters that are scalars or one-dimensional spans/arrays of
    /// scalars, passed by value (or <c>in</c>). Null for anything else, which the caller reports as ADL0103.
    /// </summary>
    private IBlockOperation? HelperBody(IMethodSymbol target)
    {
        target = target.PartialImplementationPart ?? target;
        if (target.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)) return null;
        if (target.IsGenericMethod || target.IsAbstract || target.IsVirtual || target.IsOverride || target.IsExtern || target.ReturnsByRef || target.ReturnsByRefReadonly) return null;
        if (MapType(target.ReturnType) is null && !ReturnsSeveral(target)) return null;
        foreach (var parameter in target.Parameters)
        {
            if (parameter.RefKind == RefKind.Out && MapType(parameter.Type) is not null) continue;
            if (parameter.RefKind is not (RefKind.None or RefKind.In)) return null;
            if (MapType(parameter.Type) is null && ElementTypeOf(parameter.Type) is null) return null;
        }

        foreach (var reference in target.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            if (syntax is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)) continue;
            switch (ModelFor(syntax).GetOperation(syntax))
            {
                case IMethodBodyOperation method when (method.BlockBody ?? method.ExpressionBody) is { } body:
                    return body;
                case ILocalFunctionOperation { Body: { } body }:
                    return body;
            }
        }
        return null;
    }

    /// <summary>
    /// Inlines a helper at its call. Where the call may be hoisted (see <see cref="_scope.NoHoist"/>), each scalar argument
    /// is bound to a fresh local, the helper's body is lowered in its own frame with fresh names, its returns are
    /// structurized into a result local, and all of it is queued in <see cref="_scope.Pending"/> to run right before the
    /// statement holding the call; the call's value is then the result. A helper whose body is a single
    /// <c>return e;</c> (an expression-bodied method) needs no statement: the call's value is <c>e</c> over the bound
    /// arguments, and where nothing may be hoisted the arguments themselves are substituted for the parameters.
    /// </summary>
    /// <param name="results">The caller's locals a helper returning a tuple assigns, one per element; null otherwise.</param>
    private Expr InlineCall(IInvocationOperation invocation, IBlockOperation body, ScalarType type, IReadOnlyList<(string Name, ScalarType Type)>? results = null)
    {
        var target = invocation.TargetMethod;
        if (!target.IsStatic && target.MethodKind != MethodKind.LocalFunction && invocation.Instance is not IInstanceReferenceOperation)
        {
            // Inside the helper, 'this' must be the objective's own instance for its fields to read as data.
            return RefuseCall(invocation);
        }

        bool several = ReturnsSeveral(target) || HasOutParameter(target);
        bool isExpression = !several && body.Operations.Length == 1 && body.Operations[0] is IReturnOperation { ReturnedValue: not null };
        bool hoist = _scope.NoHoist == 0;
        if (!hoist && !isExpression)
        {
            Report(DiagnosticDescriptors.HelperNotInlinable, invocation.Syntax, target.Name,
                "its body has statements and the call is in a loop condition, a branch of '?:', a 'when' guard or the right operand of '&&' or '||'; assign the call to a local first");
            return Placeholder();
        }

        // A helper that gives its values back in out parameters or a tuple returns an int the call ignores.
        var returnType = MapType(target.ReturnType) ?? ScalarType.Int32;
        var frame = _scope.Frame.ForHelper(target, returnType, results);
        var outWrites = new List<(string Name, SyntaxNode Site, string Why)>();
        if (!BindArguments(invocation, frame, hoist, isExpression, outWrites)) return Placeholder();

        var caller = _scope.Frame;
        _scope.Frame = frame;
        try
        {
            if (isExpression)
            {
                var returned = ((IReturnOperation)body.Operations[0]).ReturnedValue!;
                return Convert(Convert(Value(returned), returnType), type);
            }

            // The caller's pending statements stay ahead of the helper's body; the body's own statements flush into it.
            var outer = _scope.Pending.ToList();
            _scope.Pending.Clear();
            var lowered = LowerBlock(body);
            if (target.ReturnsVoid && (lowered.Statements.Count == 0 || lowered.Statements[lowered.Statements.Count - 1] is not ReturnStmt)) lowered = lowered with { Statements = lowered.Statements.Append(new ReturnStmt(Literals.Zero(returnType))).ToEquatableArray() };
            lowered = CheckLocalArrays(lowered);
            var structured = Structurizer.Run(lowered, _scope.Names, returnType, frame.FreshName);
            var statements = structured.Statements;
            var final = (ReturnStmt)statements[statements.Count - 1];
            _scope.Pending.AddRange(outer);
            for (int k = 0; k < statements.Count - 1; k++) _scope.Pending.Add(statements[k]);
            if (MapType(target.ReturnType) is null) return Literals.Zero(type); // void or a tuple: the values are in the caller's locals
            if (final.Value is LocalExpr returnedLocal)
            {
                // The helper's body is over, so nothing assigns that local again: it is the call's value.
                return Convert(returnedLocal, type);
            }
            var result = frame.FreshName("result", _scope.Names);
            _scope.Pending.Add(new DeclareStmt(result, returnType, final.Value) { Source = final.Source is null ? null : final.Source + " (" + target.Name + ")" });
            return Convert(new LocalExpr(returnType, result), type);
        }
        finally
        {
            _scope.Frame = caller;
            // Checked against the caller's statement only, once the helper's own statements are lowered.
            _scope.PendingWrites.AddRange(outWrites);
        }
    }

    /// <summary>
    /// Binds every parameter of the helper in <paramref name="frame"/>: a scalar to a fresh local holding the argument,
    /// or to the argument itself when nothing may be hoisted or when the helper is a single expression and the argument
    /// is trivial (a literal, a local, data: repeating it costs nothing, and an expression cannot assign it); a span or
    /// array to the variables or to a data value. Returns false, having reported, when an argument is neither.
    /// </summary>
    private bool BindArguments(IInvocationOperation invocation, InlineFrame frame, bool hoist, bool isExpression, List<(string Name, SyntaxNode Site, string Why)> outWrites)
    {
        bool ok = true;
        foreach (var argument in invocation.Arguments.OrderBy(a => a.Parameter!.Ordinal))
        {
            var parameter = argument.Parameter!;
            var scalar = MapType(parameter.Type);
            if (parameter.RefKind == RefKind.Out && scalar is not null)
            {
                bool existing = WithoutImplicitConversions(argument.Value) is ILocalReferenceOperation;
                if (OutTarget(argument, scalar.Value, invocation) is not { } outName) { ok = false; continue; }
                if (existing)
                {
                    outWrites.Add((outName, argument.Syntax, "an out argument to '" + outName + "' in a statement that reads it again; call '" + invocation.TargetMethod.Name + "' in a statement of its own"));
                }
                frame.Bind(parameter, ParameterBinding.Scalar(new LocalExpr(scalar.Value, outName)));
                continue;
            }
            if (scalar is not null)
            {
                var value = Convert(Value(argument.Value), scalar.Value);
                if (!hoist || (isExpression && ExprBuilder.IsTrivial(value)))
                {
                    frame.Bind(parameter, ParameterBinding.Scalar(value));
                    continue;
                }
                var name = frame.FreshName(parameter.Name, _scope.Names);
                _scope.Pending.Add(new DeclareStmt(name, scalar.Value, value) { Source = parameter.Name + " = " + SourceText(argument.Value.Syntax) + " (argument of " + invocation.TargetMethod.Name + ")" });
                frame.Bind(parameter, ParameterBinding.Scalar(new LocalExpr(scalar.Value, name)));
                continue;
            }

            var collection = WithoutImplicitConversions(argument.Value);
            if (IsVariablesAccess(collection) && collection is IParameterReferenceOperation)
            {
                frame.Bind(parameter, ParameterBinding.Variables);
            }
            else if (DataText(collection) is { } text)
            {
                frame.Bind(parameter, ParameterBinding.Data(text));
            }
            else if (View(collection) is { } view)
            {
                frame.Bind(parameter, ParameterBinding.OfView(hoist ? SnapshotView(view, parameter.Name, invocation) : view));
            }
            else
            {
                Refuse(DiagnosticDescriptors.UnsupportedExpression, argument, Short(argument.Syntax), "a span argument other than the variables, data, a local array or a slice of one");
                ok = false;
            }
        }
        return ok;
    }

    /// <summary>The name a diagnostic uses for a called method: <c>Type.Method</c>, or the local function's name.</summary>
    private static string CallName(IMethodSymbol target) =>
        target.MethodKind == MethodKind.LocalFunction ? target.Name : target.ContainingType.Name + "." + target.Name;
}
