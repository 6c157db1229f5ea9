namespace AutoDiffLbfgs.Generator;

/// <summary>Names of the incremental pipeline's steps, for caching tests.</summary>
public static class TrackingNames
{
    /// <summary>The transform of each <c>[Objective]</c> method: model and diagnostics.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The equatable models that reach the emitter.</summary>
    public const string Models = nameof(Models);

    /// <summary>The diagnostics, reported apart from the source output.</summary>
    public const string Diagnostics = nameof(Diagnostics);
}
