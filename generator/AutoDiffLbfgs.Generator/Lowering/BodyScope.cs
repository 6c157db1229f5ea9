using System.Collections.Generic;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Lowering;

/// <summary>
/// The state of lowering one method body that becomes code of its own — the objective's, or a helper's transformed
/// once: its frame, its names, the statements pending before the statement being lowered, its local arrays. A helper
/// transformed once gets a fresh scope, and the caller's is untouched while it is lowered.
/// </summary>
internal sealed class BodyScope
{
    public BodyScope(InlineFrame frame, NameAllocator names)
    {
        Frame = frame;
        Names = names;
    }

    /// <summary>The innermost method being lowered: the body's own method, or a helper being inlined into it.</summary>
    public InlineFrame Frame { get; set; }

    /// <summary>Hands out the names the lowering invents in this body.</summary>
    public NameAllocator Names { get; }

    /// <summary>Statements the expression being lowered needs to run first (inlined helper bodies), in order.</summary>
    public List<Stmt> Pending { get; } = new();

    /// <summary>
    /// Above zero while lowering an expression that is not evaluated exactly once right before its statement (a loop
    /// condition, a branch of <c>?:</c>, the right operand of <c>&amp;&amp;</c>/<c>||</c>): nothing may be hoisted there.
    /// </summary>
    public int NoHoist { get; set; }

    /// <summary>The local arrays declared so far, by IR name: element type, the user's name and the declarator to report at.</summary>
    public Dictionary<string, (ScalarType Element, string UserName, SyntaxNode Declaration)> Arrays { get; } = new();

    /// <summary>Arrays already checked in the body of the inlined helper that declares them.</summary>
    public HashSet<string> CheckedArrays { get; } = new();

    /// <summary>The arrays that are not write-once (see <see cref="LocalArrayRules"/>): their declarations get <c>Overwritten</c>.</summary>
    public HashSet<string> OverwrittenArrays { get; } = new();

    /// <summary>
    /// The locals written ahead of the statement being lowered by something inside it, with the site to report at and
    /// why: an increment used as a value (<c>icf[lp++]</c>, see <c>BodyLowering.LowerIncrementValue</c>) or an out
    /// argument of an inlined helper. The statement itself must not read them again, since C# would read them before
    /// or after the write depending on where the read is.
    /// </summary>
    public List<(string Name, SyntaxNode Site, string Why)> PendingWrites { get; } = new();

    /// <summary>The span locals that alias a view (<c>var row = x.Slice(i * d, d);</c>): what each stands for, see <see cref="SpanView"/>.</summary>
    public Dictionary<ILocalSymbol, SpanView> Views { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Locals refused where they were declared (ADL0109, an <c>out var</c> of a refused call): their uses report nothing more.</summary>
    public HashSet<ILocalSymbol> RefusedLocals { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The exit labels of the switch statements being lowered: a <c>break</c> to one of them leaves a switch, not a loop.</summary>
    public List<ILabelSymbol> SwitchExits { get; } = new();
}
