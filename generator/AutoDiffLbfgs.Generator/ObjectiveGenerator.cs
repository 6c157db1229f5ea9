using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator;

/// <summary>Placeholder pipeline; replaced by the real generator.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class ObjectiveGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
