using System;
using System.Threading;
using System.Linq;
using AutoDiffLbfgs.Generator.Diagnostics;
using AutoDiffLbfgs.Generator.Differentiation;
using AutoDiffLbfgs.Generator.Emit;
using AutoDiffLbfgs.Generator.Lowering;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffLbfgs.Generator;

/// <summary>
/// The incremental generator: for every method marked <c>[AutoDiffLbfgs.Objective]</c>, parse (signature checks and
/// lowering to IR), then emit the gradient and the objective struct. Diagnostics travel apart from the models so a
/// location change never invalidates cached output.
/// </summary>
/// <remarks>
/// Each objective is generated on its own: a failure while generating one is reported as ADL0900 naming it, and
/// every other objective still gets its file (Roslyn drops all of a generator's output when the generator throws).
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class ObjectiveGenerator : IIncrementalGenerator
{
    private const string AttributeName = "AutoDiffLbfgs.ObjectiveAttribute";

    /// <summary>
    /// Tests only: called with each objective's hint name right before its file is written; an exception it returns is
    /// thrown there, which is how the isolation of one objective's failure is tested.
    /// </summary>
    internal static readonly AsyncLocal<Func<string, Exception?>?> InjectFault = new();

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName, static (node, _) => node is MethodDeclarationSyntax, Transform)
            .WithTrackingName(TrackingNames.Parse);

        var models = results
            .Where(static r => r.Spec is not null)
            .Select(static (r, _) => r.Spec!)
            .WithTrackingName(TrackingNames.Models);

        var diagnostics = results
            .SelectMany(static (r, _) => r.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (spc, info) => spc.ReportDiagnostic(info.ToDiagnostic()));
        context.RegisterSourceOutput(models, static (spc, spec) => Generate(spc, spec));
    }

    /// <summary>
    /// The transform of one objective: Lowering (signature checks and the body to IR, <see cref="ObjectiveParser"/>),
    /// then Differentiation (<see cref="DerivativePipeline"/>: the derivative code of the objective and its helpers).
    /// A failure in either is ADL0900 at the method; what reaches the emitter is complete and only printed.
    /// </summary>
    private static ParseResult Transform(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var parsed = ObjectiveParser.Parse(context, cancellationToken);
        if (parsed.Spec is not { } spec) return parsed;
        try
        {
            return parsed with { Spec = spec with { Derivatives = DerivativePipeline.Run(spec) } };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var at = ((MethodDeclarationSyntax)context.TargetNode).Identifier.GetLocation();
            var error = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, at, spec.FullName, "differentiating its body failed with " + ex.GetType().Name + ": " + ex.Message);
            return new ParseResult(null, parsed.Diagnostics.Append(error).ToEquatableArray());
        }
    }

    /// <summary>Writes one objective's file; any failure becomes ADL0900 for that objective alone.</summary>
    private static void Generate(SourceProductionContext context, ObjectiveSpec spec)
    {
        try
        {
            var source = ObjectiveEmitter.Emit(spec);
            if (InjectFault.Value?.Invoke(spec.HintName) is { } fault) throw fault;
            context.AddSource(spec.HintName, source);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, spec.FullName, "writing " + spec.HintName + " failed with " + ex.GetType().Name + ": " + ex.Message));
        }
    }
}
