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
    EquatableArray<SpanHelperSpec> SpanHelpers,
    OverloadSpec? Overload)
{
    /// <summary>The derivative code, set by the derivative pipeline once the body is lowered; null until then.</summary>
    public DerivativeModel? Derivatives { get; init; }

    /// <summary>
    /// The name the generated types and helper methods of this objective start with: the method's name, followed for
    /// one of several [Objective] overloads by its <see cref="OverloadSpec.Suffix"/> (<c>FSingle</c> in
    /// <c>FSingleObjective</c>), so overloads never generate the same type.
    /// </summary>
    public string MemberPrefix => MethodName + Overload?.Suffix;

    /// <summary>The objective as a reader finds it: <c>Namespace.Type.Method</c>, with its signature for one of several overloads.</summary>
    public string FullName
    {
        get
        {
            var sb = new System.Text.StringBuilder();
            if (Namespace is not null) sb.Append(Namespace).Append('.');
            foreach (var type in ContainingTypes) sb.Append(type.Name).Append('.');
            return sb.Append(Overload?.Cref.Replace("global::", "") ?? MethodName).ToString();
        }
    }

    /// <summary>How documentation comments refer to the objective: its name, or its signature for one of several overloads.</summary>
    public string MethodCref => Overload?.Cref ?? MethodName;

    /// <summary>
    /// The hint name of the generated file, <c>{Namespace.Type}.{Method}.g.cs</c>; for one of several [Objective]
    /// overloads <c>{Namespace.Type}.{Method}.{Suffix}.g.cs</c>.
    /// </summary>
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
            sb.Append('.').Append(MethodName);
            if (Overload is not null) sb.Append('.').Append(Overload.Suffix);
            return sb.Append(".g.cs").ToString();
        }
    }
}

/// <summary>
/// Marks one of several [Objective] methods of the same name in one type. <see cref="Suffix"/> names its parameter
/// types after the variables' kind — the element type, then each data parameter's type (<c>Single</c>,
/// <c>DoubleDoubleArray</c>) — and <see cref="Cref"/> is its signature for documentation comments.
/// </summary>
internal sealed record OverloadSpec(string Suffix, string Cref);

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
