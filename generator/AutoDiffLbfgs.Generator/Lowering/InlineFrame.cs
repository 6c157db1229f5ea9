using System.Collections.Generic;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Lowering;

/// <summary>
/// One method whose body is being lowered: the objective at the bottom, then every helper being inlined into it, each
/// on top of its caller. A frame maps the method's locals to IR names and its parameters to what they are bound to
/// at the call; the chain of frames is the inlining stack, which is how recursion is detected.
/// </summary>
/// <remarks>
/// Locals are looked up through the chain: a local function reads the locals it captures from a frame below it, and
/// the frame that declared them is always below, because a local function can only be called inside the scope that
/// declares it. The objective's own locals keep the user's names; an inlined helper's locals get fresh names so two
/// inlined copies never collide.
/// </remarks>
internal sealed class InlineFrame
{
    /// <summary>The IR names of the locals this frame declared (empty for the objective, whose locals keep their names).</summary>
    private readonly Dictionary<ISymbol, string> _locals = new(SymbolEqualityComparer.Default);

    /// <summary>What each parameter of the inlined method is bound to at this call.</summary>
    private readonly Dictionary<ISymbol, ParameterBinding> _parameters = new(SymbolEqualityComparer.Default);

    /// <summary>The prefix of fresh names, the helper's name in camel case (<c>softplus</c>); empty for the objective.</summary>
    private readonly string _prefix;

    /// <summary>Creates a frame; see <see cref="ForObjective"/> and <see cref="ForHelper"/>.</summary>
    private InlineFrame(IMethodSymbol method, ScalarType returnType, InlineFrame? caller, string prefix, IReadOnlyList<(string Name, ScalarType Type)>? results = null)
    {
        Results = results;
        Method = method;
        ReturnType = returnType;
        Caller = caller;
        _prefix = prefix;
    }

    /// <summary>The frame of the objective itself.</summary>
    public static InlineFrame ForObjective(IMethodSymbol objective, ScalarType element) => new(objective, element, null, "");

    /// <summary>A frame for <paramref name="helper"/>, inlined at a call lowered in this frame.</summary>
    public InlineFrame ForHelper(IMethodSymbol helper, ScalarType returnType, IReadOnlyList<(string Name, ScalarType Type)>? results = null) =>
        new(helper, returnType, this, char.ToLowerInvariant(helper.Name[0]) + helper.Name.Substring(1), results);

    /// <summary>
    /// For a helper returning a tuple, the caller's locals its <c>return (a, b);</c> assigns, one per element; null for
    /// a helper returning one value.
    /// </summary>
    public IReadOnlyList<(string Name, ScalarType Type)>? Results { get; }

    /// <summary>The method whose body this frame lowers.</summary>
    public IMethodSymbol Method { get; }

    /// <summary>The type its <c>return</c> statements convert to.</summary>
    public ScalarType ReturnType { get; }

    /// <summary>The frame of the code that calls this helper; null for the objective.</summary>
    public InlineFrame? Caller { get; }

    /// <summary>Whether this is the objective's frame (locals keep their names, parameters are data).</summary>
    public bool IsObjective => Caller is null;

    /// <summary>A fresh IR name for something the inlined helper holds, e.g. <c>softplusZ</c> for its local <c>z</c>.</summary>
    public string FreshName(string name, NameAllocator names) =>
        IsObjective ? names.Fresh(name) : names.Fresh(_prefix + char.ToUpperInvariant(name[0]) + name.Substring(1));

    /// <summary>Declares <paramref name="local"/> in this frame and returns its IR name.</summary>
    public string Declare(ILocalSymbol local, NameAllocator names)
    {
        if (IsObjective) return local.Name;
        var name = FreshName(local.Name, names);
        _locals[local] = name;
        return name;
    }

    /// <summary>The IR name of <paramref name="local"/> and the frame that declared it.</summary>
    public (string Name, InlineFrame Owner) Resolve(ILocalSymbol local)
    {
        for (var frame = this; frame is not null; frame = frame.Caller)
        {
            if (frame._locals.TryGetValue(local, out var name)) return (name, frame);
            if (frame.IsObjective) return (local.Name, frame);
        }
        return (local.Name, this);
    }

    /// <summary>Binds a parameter of this frame's method for the duration of the inlined body.</summary>
    public void Bind(IParameterSymbol parameter, ParameterBinding binding) => _parameters[parameter] = binding;

    /// <summary>What <paramref name="parameter"/> is bound to, looked up through the chain (captured by a local function); null for the objective's parameters.</summary>
    public ParameterBinding? Binding(IParameterSymbol parameter)
    {
        for (var frame = this; frame is not null; frame = frame.Caller)
        {
            if (frame._parameters.TryGetValue(parameter, out var binding)) return binding;
        }
        return null;
    }

    /// <summary>Whether <paramref name="method"/> is being lowered in this frame or one below it (a call to it would recurse).</summary>
    public bool IsOnStack(IMethodSymbol method)
    {
        for (var frame = this; frame is not null; frame = frame.Caller)
        {
            if (SymbolEqualityComparer.Default.Equals(frame.Method.OriginalDefinition, method.OriginalDefinition)) return true;
        }
        return false;
    }
}

/// <summary>
/// What a helper's parameter stands for in the inlined body: a scalar value (a local holding the argument, or the
/// argument itself), the objective's variables, a data array or span reached by <see cref="DataText"/>, or any other
/// <see cref="SpanView"/> (a slice, a local array).
/// </summary>
internal sealed record ParameterBinding(Expr? Value, bool IsVariables, string? DataText, SpanView? View = null)
{
    /// <summary>A scalar parameter: reads become <paramref name="value"/>.</summary>
    public static ParameterBinding Scalar(Expr value) => new(value, false, null);

    /// <summary>A span or array parameter that receives the objective's variables.</summary>
    public static ParameterBinding Variables { get; } = new(null, true, null);

    /// <summary>A parameter that receives data: reads are written as <paramref name="text"/>.</summary>
    public static ParameterBinding Data(string text) => new(null, false, text);

    /// <summary>A span or array parameter that receives a slice of the variables or of data, or a local array (or a slice of one).</summary>
    public static ParameterBinding OfView(SpanView view) => new(null, false, null, view);
}
