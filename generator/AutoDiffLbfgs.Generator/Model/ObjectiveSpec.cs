namespace AutoDiffLbfgs.Generator.Model;

/// <summary>
/// Everything the emitter needs to write the derivative members of one <c>[Objective]</c> method.
/// </summary>
/// <remarks>
/// This record is the incremental pipeline's cached model: it must stay immutable and structurally equatable,
/// and must never hold an <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c> (a test walks
/// the object graph to prove it). Keep it so.
/// </remarks>
internal sealed record ObjectiveSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string MethodName,
    string Accessibility,
    bool IsStatic,
    ScalarType ElementType,
    VariablesKind VariablesKind,
    string VariablesName,
    EquatableArray<DataParameterSpec> Data,
    BlockStmt Body,
    EquatableArray<UserFunctionSpec> UserFunctions,
    EquatableArray<HelperSpec> Helpers,
    EquatableArray<SpanHelperSpec> SpanHelpers)
{
    /// <summary>The hint name of the generated file, <c>{Namespace.Type}.{Method}.g.cs</c>.</summary>
    public string HintName
    {
        get
        {
            var sb = new System.Text.StringBuilder();
            if (Namespace is not null) sb.Append(Namespace).Append('.');
            for (int i = 0; i < ContainingTypes.Count; i++)
            {
                if (i > 0) sb.Append('.');
                sb.Append(ContainingTypes[i].Name);
            }
            return sb.Append('.').Append(MethodName).Append(".g.cs").ToString();
        }
    }
}

/// <summary>How the variables parameter is declared.</summary>
internal enum VariablesKind
{
    ReadOnlySpan,
    Span,
    Array,
}

/// <summary>One containing type, outermost first: its declaration keyword (<c>class</c>, <c>record struct</c>, …) and name.</summary>
internal sealed record ContainingTypeSpec(string Keyword, string Name, bool IsStatic, string FullyQualifiedName);

/// <summary>
/// A data parameter: passed through unchanged, constant for differentiation. <see cref="IsTermIndex"/> marks the
/// <c>[TermIndex] int</c> that selects one term of a finite sum.
/// </summary>
internal sealed record DataParameterSpec(string Name, string FullyQualifiedType, bool IsSpan, string Modifier, bool IsTermIndex);
