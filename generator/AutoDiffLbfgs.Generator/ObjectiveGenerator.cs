using AutoDiffLbfgs.Generator.Diagnostics;
using AutoDiffLbfgs.Generator.Emit;
using AutoDiffLbfgs.Generator.Lowering;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffLbfgs.Generator;

/// <summary>
/// The incremental generator: for every method marked <c>[AutoDiffLbfgs.Objective]</c>, parse (signature checks and
/// lowering to IR), then emit the gradient and the objective struct. Diagnostics travel apart from the models so a
/// location change never invalidates cached output.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ObjectiveGenerator : IIncrementalGenerator
{
    private const string AttributeName = "AutoDiffLbfgs.ObjectiveAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName, static (node, _) => node is MethodDeclarationSyntax, ObjectiveParser.Parse)
            .WithTrackingName(TrackingNames.Parse);

        var models = results
            .Where(static r => r.Spec is not null)
            .Select(static (r, _) => r.Spec!)
            .WithTrackingName(TrackingNames.Models);

        var diagnostics = results
            .SelectMany(static (r, _) => r.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (spc, info) => spc.ReportDiagnostic(info.ToDiagnostic()));
        context.RegisterSourceOutput(models, static (spc, spec) =>
        {
            string source;
            try
            {
                source = ObjectiveEmitter.Emit(spec);
            }
            catch (System.Exception ex)
            {
                spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, spec.MethodName, ex.GetType().Name + ": " + ex.Message));
                return;
            }
            spc.AddSource(spec.HintName, source);
        });
    }
}
