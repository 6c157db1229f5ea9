using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffLbfgs.Generator.Lowering;

// Tables of data as C# holds them: a two-dimensional array `double[,]` (`t[i, j]`, `t.GetLength(1)`) and a jagged
// array `double[][]` (`t[i][j]`, `t[i].Length`). Both are data, read in place by the generated code.
internal sealed partial class BodyLowering
{
    /// <summary>
    /// <c>t[i]</c> where <c>t</c> is a jagged data array (<c>double[][]</c>): the table's text and the lowered row
    /// index; null for anything else.
    /// </summary>
    private (string Table, Expr Row)? JaggedRow(IOperation operation)
    {
        operation = WithoutImplicitConversions(operation);
        if (operation is not IArrayElementReferenceOperation { Indices.Length: 1, Type: IArrayTypeSymbol { Rank: 1 } } row) return null;
        if (row.ArrayReference.Type is not IArrayTypeSymbol { ElementType: IArrayTypeSymbol } || DataText(row.ArrayReference) is not { } table) return null;
        return (table, Convert(Value(row.Indices[0]), ScalarType.Int32));
    }

    /// <summary>
    /// <c>t.GetLength(k)</c> on a data array with a constant dimension <c>k</c>: the length, read in place; null for
    /// any other call.
    /// </summary>
    private Expr? DimensionLength(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod is not { Name: "GetLength", ContainingType.SpecialType: SpecialType.System_Array } || invocation.Instance is null) return null;
        if (invocation.Arguments.Length != 1 || invocation.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: int dimension }) return null;
        var table = DataText(WithoutImplicitConversions(invocation.Instance));
        return table is null ? null : new DataExpr(ScalarType.Int32, table + ".GetLength(" + dimension.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
    }
}
