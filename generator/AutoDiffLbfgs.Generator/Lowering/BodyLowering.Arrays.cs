using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Diagnostics;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffLbfgs.Generator.Lowering;

// Local arrays of double/float: `double[] r = new double[n];` or `Span<double> r = stackalloc double[n];`, written
// (r[i] = …, r[i] += …, r[i] *= …) and read in any order. LocalArrayRules proves which are write-once after the whole
// body is lowered; the others are marked overwritten, and the gradient keeps an undo log for them.
internal sealed partial class BodyLowering
{
    /// <summary>Whether <paramref name="type"/> is <c>double[]</c>, <c>float[]</c>, <c>Span&lt;double&gt;</c> or <c>Span&lt;float&gt;</c>.</summary>
    private static bool IsLocalArrayType(ITypeSymbol type) =>
        (type is IArrayTypeSymbol { Rank: 1 } || type is INamedTypeSymbol { Name: "Span" })
        && ElementTypeOf(type) is { SpecialType: SpecialType.System_Double or SpecialType.System_Single };

    /// <summary>
    /// Lowers the declaration of a local array. Its initializer must create it, <c>new T[n]</c> or <c>stackalloc T[n]</c>
    /// (zero-filled, length an integer); anything else (an alias of data, an initializer list) is ADL0112.
    /// </summary>
    private Stmt? LowerArrayDeclarator(IVariableDeclaratorOperation declarator, ILocalSymbol local, IVariableInitializerOperation? initializer)
    {
        var element = MapType(ElementTypeOf(local.Type)!)!.Value;
        var created = initializer is null ? null : WithoutImplicitConversions(initializer.Value);
        Expr? length = null;
        ArrayStorage storage = ArrayStorage.Heap;
        if (created is IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: null } creation)
        {
            length = Convert(Value(creation.DimensionSizes[0]), ScalarType.Int32);
        }
        else if (StackAllocSize(created?.Syntax) is { } size && ModelFor(size).GetOperation(size) is { } sizeOperation)
        {
            length = Convert(Value(sizeOperation), ScalarType.Int32);
            storage = ArrayStorage.Stack;
        }
        if (length is null)
        {
            Report(DiagnosticDescriptors.LocalArrayNotWriteOnce, declarator.Syntax, local.Name, "is not created by its declaration");
            return null;
        }
        var name = DeclareLocal(local);
        _scope.Arrays[name] = (element, local.Name, declarator.Syntax);
        return new ArrayDeclareStmt(name, element, length, storage, Clear: false);
    }

    /// <summary>
    /// An integer increment used as a value, the index idiom <c>icf[lp++]</c> (and <c>++lp</c>, <c>lp--</c>): the
    /// increment runs right before the statement and the expression reads a copy taken on the right side of it
    /// (before it for postfix, after it for prefix). The statement must not read the local again (<see cref="Flush(List{Stmt}, IEnumerable{Expr})"/>).
    /// </summary>
    private Expr LowerIncrementValue(IIncrementOrDecrementOperation step)
    {
        var target = AssignmentTarget(step.Target, step);
        if (target is null) return Placeholder();
        var (name, type) = target.Value;
        var copy = _scope.Frame.FreshName(name + (step.IsPostfix ? "Before" : "After"), _scope.Names);
        var advance = new AccumulateStmt(name, step.Kind == OperationKind.Decrement, Literals.One(type)) { Source = SourceText(step.Syntax) };
        if (step.IsPostfix) _scope.Pending.Add(new DeclareStmt(copy, type, new LocalExpr(type, name)) { Source = SourceText(step.Syntax) });
        _scope.Pending.Add(advance);
        if (!step.IsPostfix) _scope.Pending.Add(new DeclareStmt(copy, type, new LocalExpr(type, name)) { Source = SourceText(step.Syntax) });
        _scope.PendingWrites.Add((name, step.Syntax, "an increment used as a value in a statement that reads its local again; increment in a statement of its own"));
        return new LocalExpr(type, copy);
    }

    /// <summary>The size expression of <c>stackalloc T[n]</c> (one dimension, no initializer list), or null.</summary>
    private static ExpressionSyntax? StackAllocSize(SyntaxNode? syntax)
    {
        if (syntax is not StackAllocArrayCreationExpressionSyntax { Initializer: null, Type: ArrayTypeSyntax array }) return null;
        if (array.RankSpecifiers.Count != 1 || array.RankSpecifiers[0].Sizes.Count != 1) return null;
        return array.RankSpecifiers[0].Sizes[0];
    }

    /// <summary>The IR name of the local array <paramref name="operation"/> refers to, or null when it is not one.</summary>
    private string? LocalArray(IOperation operation)
    {
        if (WithoutImplicitConversions(operation) is not ILocalReferenceOperation local) return null;
        var name = _scope.Frame.Resolve(local.Local).Name;
        return _scope.Arrays.ContainsKey(name) ? name : null;
    }

    /// <summary>The element of a local array an assignment writes, <c>r[i]</c>: array, index and element type; null when the target is not one.</summary>
    private (string Array, Expr Index, ScalarType Element)? ArrayElementTarget(IOperation target)
    {
        var (instance, indices) = target switch
        {
            IArrayElementReferenceOperation a => (a.ArrayReference, (IReadOnlyList<IOperation>)a.Indices),
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } i } p => (i, p.Arguments.Select(a => a.Value).ToArray()),
            IImplicitIndexerReferenceOperation { Argument.Type.Name: "Index" } e => (e.Instance, new[] { e.Argument }),
            _ => (null, null),
        };
        if (instance is null || indices is null || indices.Count != 1 || View(instance) is not { Base: ViewBase.Array } view) return null;
        return (view.Name!, view.At(IndexIn(view, indices[0])), _scope.Arrays[view.Name!].Element);
    }

    /// <summary>
    /// <c>r[i] += e</c> and <c>r[i] -= e</c> become an accumulation into the element (<c>r[i] += -e</c> for the latter,
    /// the same value in IEEE arithmetic); <c>*=</c>, <c>/=</c> become <c>r[i] = r[i] op e</c>. Either way the array is
    /// overwritten (see <see cref="ArrayDeclareStmt.Overwritten"/>).
    /// </summary>
    private Stmt? LowerElementUpdate(ICompoundAssignmentOperation compound, string array, Expr index, ScalarType element)
    {
        var value = Value(compound.Value);
        if (compound.OperatorMethod is not null)
        {
            RefuseOperator(compound, compound.OperatorMethod, compound.OperatorKind.ToString());
            return null;
        }
        var op = MapBinary(compound.OperatorKind);
        if (op is BinaryOp.Add or BinaryOp.Subtract)
        {
            var addend = Convert(value, element);
            return new ElementAssignStmt(array, index, op == BinaryOp.Subtract ? ExprBuilder.Neg(addend) : addend, Accumulate: true);
        }
        if (op is not (BinaryOp.Multiply or BinaryOp.Divide))
        {
            RefuseOperator(compound, null, OperatorText(compound.Syntax));
            return null;
        }
        var type = Promote(element, value.Type);
        var combined = new BinaryExpr(type, op.Value, Convert(new ArrayElementExpr(element, array, index), type), Convert(value, type));
        return new ElementAssignStmt(array, index, Convert(combined, element), Accumulate: false);
    }

    /// <summary>
    /// Moves the per-iteration arrays of a lowered body into their loops (<see cref="ScratchArrays"/>), then checks the
    /// write-once rules and records each array that breaks one as overwritten. An
    /// inlined helper's arrays are checked in the helper's own body, before its returns are structurized (which may
    /// move its fill loop into an <c>if (!done)</c> block), and not again in the objective's.
    /// </summary>
    private BlockStmt CheckLocalArrays(BlockStmt body)
    {
        var declared = new HashSet<string>(IrTree.Descendants(body).OfType<ArrayDeclareStmt>().Select(a => a.Name));
        declared.ExceptWith(_scope.CheckedArrays);
        if (declared.Count == 0) return body;
        body = ScratchArrays.Privatize(body, _scope.Names, declared);
        _scope.OverwrittenArrays.UnionWith(LocalArrayRules.NotWriteOnce(body).Where(declared.Contains));
        _scope.CheckedArrays.UnionWith(declared);
        return body;
    }

    /// <summary>Sets <see cref="ArrayDeclareStmt.Overwritten"/> on the declarations of the overwritten arrays of <paramref name="block"/>.</summary>
    private BlockStmt MarkOverwrittenBlock(BlockStmt block) => StmtMap.Block(block, s =>
        s is ArrayDeclareStmt a && _scope.OverwrittenArrays.Contains(a.Name) ? a with { Overwritten = true } : s);

    /// <summary>The semantic model of the tree <paramref name="node"/> belongs to (a helper may live in another file).</summary>
    private SemanticModel ModelFor(SyntaxNode node) =>
        node.SyntaxTree == _model.SyntaxTree ? _model : _model.Compilation.GetSemanticModel(node.SyntaxTree);
}
