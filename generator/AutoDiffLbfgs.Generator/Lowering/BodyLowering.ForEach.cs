using System.Collections.Generic;
using AutoDiffLbfgs.Generator.Diagnostics;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffLbfgs.Generator.Lowering;

// foreach over the variables, a data array or span, or a local array, lowered to the indexed for loop it stands for.
internal sealed partial class BodyLowering
{
    /// <summary>
    /// Lowers <c>foreach (T v in c) body</c> to <c>for (int vIndex = 0; vIndex &lt; c.Length; vIndex++) { T v = c[vIndex]; body }</c>
    /// with a fresh counter, so the loop is an ordinary reduction loop for the reverse transform. Arrays and spans
    /// enumerate exactly in index order, so the rewrite evaluates the same elements in the same order.
    /// </summary>
    private ForStmt? LowerForEach(IForEachLoopOperation loop)
    {
        if (loop.LoopControlVariable is not IVariableDeclaratorOperation { Symbol: { RefKind: RefKind.None } local })
        {
            RefuseStatement(loop, "foreach with deconstruction or a ref variable");
            return null;
        }
        var collection = WithoutImplicitConversions(loop.Collection);
        var elementType = ElementTypeOf(collection.Type);
        var element = elementType is null ? null : MapType(elementType);
        var localType = MapType(local.Type);
        if (element is null || localType is null || element == ScalarType.Boolean)
        {
            RefuseStatement(loop, "foreach over a value of type '" + TypeName(collection.Type) + "'");
            return null;
        }

        if (View(collection) is not { } view)
        {
            RefuseStatement(loop, "foreach over something other than the variables, a data array or span, a local array or a slice of one");
            return null;
        }

        var counter = _scope.Frame.FreshName(local.Name + "Index", _scope.Names);
        var index = new LocalExpr(ScalarType.Int32, counter);
        Expr length = view.Length;
        Expr item = view.Element(element.Value, index);

        string collectionText = SourceText(loop.Collection.Syntax);
        var body = new List<Stmt> { new DeclareStmt(DeclareLocal(local), localType.Value, Convert(item, localType.Value)) { Source = $"{local.Type.ToDisplayString()} {local.Name} = {collectionText}[{counter}]" } };
        body.AddRange(LowerAsBlock(loop.Body).Statements);
        var init = new BlockStmt(new Stmt[] { new DeclareStmt(counter, ScalarType.Int32, Literals.Integer(ScalarType.Int32, 0)) }.ToEquatableArray());
        var increment = new BlockStmt(new Stmt[] { new AccumulateStmt(counter, false, Literals.Integer(ScalarType.Int32, 1)) }.ToEquatableArray());
        var condition = new BinaryExpr(ScalarType.Boolean, BinaryOp.Less, index, length);
        return new ForStmt(init, condition, increment, new BlockStmt(body.ToEquatableArray()));
    }

    /// <summary>The element type of a one-dimensional array, <c>Span&lt;T&gt;</c> or <c>ReadOnlySpan&lt;T&gt;</c>; null for anything else.</summary>
    private static ITypeSymbol? ElementTypeOf(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol { Rank: 1 } array => array.ElementType,
        INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } span when span.ContainingNamespace?.ToDisplayString() == "System" => span.TypeArguments[0],
        _ => null,
    };

    /// <summary>
    /// <paramref name="operation"/> without the implicit conversions around it (an array seen as a span, a span seen as
    /// a read-only span): they change the static type, not the elements read.
    /// </summary>
    private static IOperation WithoutImplicitConversions(IOperation operation)
    {
        while (operation is IConversionOperation { Conversion.IsImplicit: true } conversion) operation = conversion.Operand;
        return operation;
    }
}
