using System.Linq;
using AutoDiffLbfgs.Generator.Diagnostics;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffLbfgs.Generator.Lowering;

// Span views (SpanView): slices and ranges of the variables, of data and of local arrays (`x.Slice(a, n)`, `x[a..b]`,
// `t.AsSpan(a, n)`), span locals that alias one of them, and span arguments of inlined helpers. A view is resolved
// during lowering: each element read or write through it becomes one of its base at a shifted index.
internal sealed partial class BodyLowering
{
    /// <summary>
    /// The view a span-valued expression denotes, or null when it is none: the variables, a data array or span, a
    /// local array, a span local or helper parameter bound to a view, or a slice or range of any of those.
    /// </summary>
    private SpanView? View(IOperation operation)
    {
        operation = WithoutImplicitConversions(operation);
        switch (operation)
        {
            case ILocalReferenceOperation local when _scope.Views.TryGetValue(local.Local, out var aliased):
                return aliased;
            case IParameterReferenceOperation parameter when _scope.Frame.Binding(parameter.Parameter) is { View: { } bound }:
                return bound;
            case IInvocationOperation call when SliceOf(call) is { } slice:
                return View(slice.Source) is { } source ? Slice(source, slice.Start, slice.Length) : null;
            case IImplicitIndexerReferenceOperation { Argument: IRangeOperation range } indexer:
                return View(indexer.Instance) is { } ranged ? Range(ranged, range) : null;
            case IArrayElementReferenceOperation { Indices.Length: 1 } element when element.Indices[0] is IRangeOperation arrayRange:
                return View(element.ArrayReference) is { } array ? Range(array, arrayRange) : null;
        }
        if (IsVariablesAccess(operation) && operation is IParameterReferenceOperation) return new SpanView(ViewBase.Variables, null, null, new VariablesLengthExpr());
        if (LocalArray(operation) is { } localArray) return new SpanView(ViewBase.Array, localArray, null, new ArrayLengthExpr(localArray));
        if (ElementTypeOf(operation.Type) is not null && DataText(operation) is { } text) return new SpanView(ViewBase.Data, text, null, new DataExpr(ScalarType.Int32, text + ".Length"));
        return null;
    }

    /// <summary>
    /// The receiver, start and length of a slicing call: <c>s.Slice(start)</c>, <c>s.Slice(start, length)</c> on a
    /// span, and <c>a.AsSpan()</c>, <c>a.AsSpan(start)</c>, <c>a.AsSpan(start, length)</c> on an array
    /// (<c>MemoryExtensions</c>). Null for any other call, and for the overloads that take an <c>Index</c> or <c>Range</c>.
    /// </summary>
    private static (IOperation Source, IOperation? Start, IOperation? Length)? SliceOf(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        if (method.Parameters.Any(p => p.Type.SpecialType != SpecialType.System_Int32 && ElementTypeOf(p.Type) is null)) return null;
        var args = call.Arguments.OrderBy(a => a.Parameter!.Ordinal).Select(a => a.Value).ToArray();
        if (method.Name == "Slice" && call.Instance is { } span && method.ContainingType is { Name: "Span" or "ReadOnlySpan" } owner && IsSystem(owner))
        {
            return args.Length switch { 1 => (span, args[0], null), 2 => (span, args[0], args[1]), _ => null };
        }
        if (method.Name == "AsSpan" && method.ContainingType is { Name: "MemoryExtensions" } extensions && IsSystem(extensions) && args.Length is >= 1 and <= 3)
        {
            return (args[0], args.Length > 1 ? args[1] : null, args.Length > 2 ? args[2] : null);
        }
        return null;
    }

    private static bool IsSystem(INamedTypeSymbol type) => type.ContainingNamespace?.ToDisplayString() == "System";

    /// <summary><paramref name="source"/> from <paramref name="start"/> on (from its start when null), <paramref name="length"/> elements (the rest when null).</summary>
    private SpanView Slice(SpanView source, IOperation? start, IOperation? length)
    {
        var first = start is null ? Literals.Integer(ScalarType.Int32, 0) : Convert(Value(start), ScalarType.Int32);
        var count = length is null ? ExprBuilder.Sub(source.Length, first) : Convert(Value(length), ScalarType.Int32);
        return start is null && length is null ? source : Checked(source, first, count);
    }

    /// <summary>
    /// <paramref name="source"/> from <paramref name="first"/> on, <paramref name="count"/> elements, with its bounds
    /// checked as <c>Span.Slice</c> checks them (<c>SpanSlice.Start</c> returns the start or throws) where the slice is
    /// taken, so reads at shifted indices never reach past the window silently.
    /// </summary>
    private static SpanView Checked(SpanView source, Expr first, Expr count)
    {
        var start = new UserCallExpr(ScalarType.Int32, "global::AutoDiffLbfgs.Generated.SpanSlice.Start",
            new[] { first, count, source.Length }.ToEquatableArray());
        return source.Slice(start, count);
    }

    /// <summary><c>s[a..b]</c>: <paramref name="source"/> from index a to index b, either an <c>int</c> or <c>^k</c> (counted from the end) or absent.</summary>
    private SpanView Range(SpanView source, IRangeOperation range)
    {
        var first = range.LeftOperand is null ? Literals.Integer(ScalarType.Int32, 0) : IndexIn(source, range.LeftOperand);
        var end = range.RightOperand is null ? source.Length : IndexIn(source, range.RightOperand);
        return Checked(source, first, ExprBuilder.Sub(end, first));
    }

    /// <summary>An index into <paramref name="view"/> as an <c>int</c>: <c>^k</c> is <c>Length − k</c>, an <c>int</c> (or an <c>Index</c> made from one) is itself.</summary>
    private Expr IndexIn(SpanView view, IOperation index)
    {
        index = WithoutImplicitConversions(index);
        if (index is IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } fromEnd)
        {
            return ExprBuilder.Sub(view.Length, Convert(Value(fromEnd.Operand), ScalarType.Int32));
        }
        return Convert(Value(index), ScalarType.Int32);
    }

    /// <summary>
    /// The declaration of a span local that aliases a view (<c>ReadOnlySpan&lt;double&gt; row = x.Slice(i * d, d);</c>):
    /// nothing is declared for the span itself, see <see cref="SnapshotView"/>.
    /// </summary>
    private void DeclareView(ILocalSymbol local, SpanView view, IVariableDeclaratorOperation declarator) =>
        _scope.Views[local] = SnapshotView(view, local.Name, declarator);

    /// <summary>
    /// <paramref name="view"/> with its start and length copied into integer locals (<c>rowStart</c>,
    /// <c>rowLength</c>) unless they are constants or lengths, so reads through it see the values the slice was taken
    /// with even when the locals they were computed from change later; the copies run before the statement of
    /// <paramref name="site"/>.
    /// </summary>
    private SpanView SnapshotView(SpanView view, string name, IOperation site)
    {
        string source = SourceText(site.Syntax);
        Expr Snapshot(Expr value, string suffix)
        {
            if (value is ConstExpr or VariablesLengthExpr or ArrayLengthExpr or DataExpr) return value;
            var copy = _scope.Frame.FreshName(name + suffix, _scope.Names);
            _scope.Pending.Add(new DeclareStmt(copy, ScalarType.Int32, value) { Source = source });
            return new LocalExpr(ScalarType.Int32, copy);
        }
        var offset = view.Offset is null ? null : Snapshot(view.Offset, "Start");
        return view with { Offset = offset, Length = Snapshot(view.Length, "Length") };
    }

    /// <summary>Whether <paramref name="declarator"/> declares a span local that aliases a view rather than a new local array.</summary>
    private SpanView? AliasedView(ILocalSymbol local, IVariableInitializerOperation? initializer)
    {
        if (initializer is null || ElementTypeOf(local.Type) is null) return null;
        // Only a span local is a view. An array local (`double[] r = data`, `double[] c = t[1..3]`) is either an
        // alias the generator cannot follow or a copy; the local-array rules answer for it (ADL0112).
        if (local.Type is IArrayTypeSymbol) return null;
        return View(initializer.Value);
    }

    /// <summary>ADL0101 for an assignment to a span local that aliases a view: the alias is fixed at its declaration.</summary>
    private bool RefuseViewAssignment(IOperation target, IOperation assignment)
    {
        if (target is not ILocalReferenceOperation { Local: var local } || !_scope.Views.ContainsKey(local)) return false;
        Report(DiagnosticDescriptors.UnsupportedExpression, assignment.Syntax, Short(assignment.Syntax),
            "an assignment to the span local '" + local.Name + "', which stands for the slice it was declared with; declare another local for the other slice");
        return true;
    }
}
