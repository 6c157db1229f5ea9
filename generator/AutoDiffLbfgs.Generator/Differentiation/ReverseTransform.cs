using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;
using static AutoDiffLbfgs.Generator.Model.ExprBuilder;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Reverse-mode differentiation of a structured body (see <see cref="Structurizer"/>) into IR that computes the value
/// and accumulates the gradient into a span.
/// </summary>
/// <remarks>
/// <para>Two procedures, each emitting IR:</para>
/// <para><b>Rev(S, need)</b> runs with the state (locals) at S's entry and the adjoints at S's exit, and leaves the
/// adjoints at S's entry. Afterwards every local in <c>need</c> again holds its entry value. A block runs its
/// statements forward (saving in locals the values a later reverse step needs), then reverses them last to first,
/// restoring saved values. A compound statement re-runs its parts forward inside its own reverse (recomputation).</para>
/// <para><b>FwdRev(B, keepExit)</b> is used where the adjoints at B's exit are known before B runs (the method body,
/// whose result has adjoint 1, and the bodies of fused loops). It runs B forward, then its reverse, and leaves the
/// locals in <c>keepExit</c> at their exit values. A trailing run of reduction loops followed by assignments whose
/// reverse reads nothing the run changes is <i>fused</i>: each loop runs once, doing the forward and the reverse of
/// every iteration together, as a hand-written gradient would.</para>
/// <para>Loops: a <i>reduction loop</i> (counters changed only by the increment, outer locals changed only by
/// <c>+=</c>/<c>-=</c> and never read) needs no tape; its reverse recomputes each iteration's locals. Any other loop
/// records, per iteration, the outer locals its body changes and its reverse reads, on a pooled tape.</para>
/// </remarks>
internal sealed class ReverseTransform
{
    private readonly Analysis _a;
    private readonly UserRules _rules;
    private readonly NameAllocator _names;
    private readonly string _gradient;
    private readonly Dictionary<string, string> _bars = new();
    private readonly Dictionary<string, ScalarType> _types = new();
    private readonly Dictionary<string, string> _logs = new();
    private string _value = "";

    /// <summary>Whether the generated code pushes to the tape.</summary>
    public bool UsesTape { get; private set; }

    private ReverseTransform(Analysis analysis, NameAllocator names, string gradient, UserRules rules)
    {
        _a = analysis;
        _rules = rules;
        _names = names;
        _gradient = gradient;
    }

    /// <summary>Differentiates <paramref name="body"/>; the result declares and returns the objective's value.</summary>
    /// <param name="body">The structured body.</param>
    /// <param name="names">Hands out generated names.</param>
    /// <param name="element">The objective's element type.</param>
    /// <param name="gradient">The name of the gradient span.</param>
    /// <param name="rules">The user-supplied derivative rules the body's <see cref="UserCallExpr"/>s refer to.</param>
    public static (BlockStmt Body, bool UsesTape, string ValueName) Run(BlockStmt body, NameAllocator names, ScalarType element, string gradient, UserRules? rules = null)
    {
        rules ??= UserRules.Empty;
        // The final `return e;` becomes `T value = e;`, whose adjoint is the constant 1 (see BarOf); the analysis runs on
        // that body so the value local takes part in activity like any other.
        var statements = body.Statements.ToList();
        var last = (ReturnStmt)statements[statements.Count - 1];
        string valueName = names.Fresh("value");
        statements[statements.Count - 1] = new DeclareStmt(valueName, element, last.Value) { Source = last.Source };
        var top = new BlockStmt(statements.ToEquatableArray());

        // Every overwritten array gets an undo log, declared first, and every write to it records the old element.
        var logs = new Dictionary<string, string>();
        var output = new List<Stmt>();
        foreach (var array in IrTree.Descendants(top).OfType<ArrayDeclareStmt>().Where(a => a.Overwritten))
        {
            if (logs.ContainsKey(array.Name)) continue;
            logs[array.Name] = names.Fresh(array.Name + "Log");
            output.Add(new UndoLogDeclareStmt(logs[array.Name], array.Name, array.Element));
        }
        if (logs.Count > 0) top = (BlockStmt)LogWrites(top, logs);

        var transform = new ReverseTransform(new Analysis(top), names, gradient, rules) { _value = valueName };
        foreach (var entry in logs) transform._logs.Add(entry.Key, entry.Value);
        foreach (var d in IrTree.Descendants(top).OfType<DeclareStmt>()) transform._types[d.Name] = d.Type;
        foreach (var a in IrTree.Descendants(top).OfType<ArrayDeclareStmt>()) transform._types[a.Name] = a.Element;

        transform.FwdRev(top, new HashSet<string> { transform._value }, output);
        output.Add(new ReturnStmt(Local(element, transform._value)));
        var code = DeadCode.Remove(new BlockStmt(output.ToEquatableArray()));
        return (ReturnLocalDirectly(code, transform._value), transform.UsesTape, transform._value);
    }

    /// <summary>
    /// <c>T value = s; … return value;</c> becomes <c>… return s;</c> when nothing after the declaration writes
    /// <c>s</c> (the reverse sweep may restore earlier values of a taped local, so that is checked, not assumed).
    /// </summary>
    private static BlockStmt ReturnLocalDirectly(BlockStmt code, string value)
    {
        var statements = code.Statements.ToList();
        int k = statements.FindIndex(s => s is DeclareStmt d && d.Name == value);
        if (k < 0 || statements[k] is not DeclareStmt { Init: LocalExpr returned }) return code;
        var rest = statements.Skip(k + 1).ToList();
        var analysis = new Analysis(code);
        if (rest.Any(s => analysis.Writes(s).Contains(returned.Name))) return code;
        if (rest.SelectMany(IrTree.Descendants).SelectMany(IrTree.Expressions).Count(e => IrQueries.Reads(e, value)) != 1 || rest[rest.Count - 1] is not ReturnStmt) return code;
        statements.RemoveAt(k);
        statements[statements.Count - 1] = new ReturnStmt(returned) { Source = statements[statements.Count - 1].Source };
        return new BlockStmt(statements.ToEquatableArray());
    }

    /// <summary>Gives every write to an array of <paramref name="logs"/> its log, so the write records the old element first.</summary>
    private static Stmt LogWrites(Stmt stmt, Dictionary<string, string> logs) => StmtMap.Map(stmt, s =>
        s is ElementAssignStmt e && logs.TryGetValue(e.Array, out var log) ? e with { Log = log } : s);

    // ---------------------------------------------------------------- FwdRev

    private void FwdRev(BlockStmt block, HashSet<string> keepExit, List<Stmt> o)
    {
        var s = block.Statements;
        int n = s.Count;
        int fusedStart = FusableSuffix(s);
        int p = fusedStart; // statements [0, p) are handled as a plain sequence

        // Forward through the prefix, saving what its reverse will need.
        // A taped loop records its state during this forward pass, so its reverse only pops it (no second forward run).
        var saves = new List<(string Var, string Saved)>[n];
        var taped = new TapedLoop?[n];
        for (int k = 0; k < p; k++)
        {
            saves[k] = SaveBefore(s[k], Union(Enumerable.Range(0, k + 1).Select(j => _a.ReverseReads(s[j]))), o);
            if (IsTaped(s[k]) && HasAdjoint(s[k])) taped[k] = TapedForward(s[k], o);
            else o.Add(s[k]);
        }
        DeclareBars(block, o);

        var changedDuringReverse = new HashSet<string>();
        for (int k = 0; k < p; k++)
        {
            foreach (var (v, _) in saves[k]) changedDuringReverse.Add(v);
            if (s[k] is not (DeclareStmt or AssignStmt or AccumulateStmt)) changedDuringReverse.UnionWith(_a.Writes(s[k]));
        }

        List<(string, string)> suffixSaves = new();
        if (fusedStart < n)
        {
            var suffix = s.Skip(fusedStart).ToList();
            var prefixNeeds = Union(Enumerable.Range(0, p).Select(j => _a.ReverseReads(s[j])));
            suffixSaves = SaveBefore(new BlockStmt(suffix.ToEquatableArray()), prefixNeeds, o);
            foreach (var (v, _) in suffixSaves) changedDuringReverse.Add(v);

            var loops = suffix.Where(x => x is ForStmt).ToList();
            var tail = suffix.Where(x => x is not ForStmt).ToList();
            o.Add(new CommentStmt("Adjoints of the statements after the loop(s) first: they do not depend on the loop results."));
            for (int k = tail.Count - 1; k >= 0; k--) Rev(tail[k], new HashSet<string>(), o);
            foreach (var loop in loops) FusedLoop((ForStmt)loop, o);
            o.AddRange(tail);
        }

        var exitSaves = SaveValues(keepExit.Where(changedDuringReverse.Contains), o);
        foreach (var (v, saved) in suffixSaves) o.Add(Restore(v, saved));
        for (int k = p - 1; k >= 0; k--)
        {
            if (taped[k] is { } recordedLoop)
            {
                // The pops put the loop's recorded state back; the restores then give the earlier statements theirs.
                TapedReverse(recordedLoop, o);
                foreach (var (v, saved) in saves[k]) o.Add(Restore(v, saved));
                continue;
            }
            foreach (var (v, saved) in saves[k]) o.Add(Restore(v, saved));
            Rev(s[k], Union(Enumerable.Range(0, k).Select(j => _a.ReverseReads(s[j]))), o, forwarded: true);
        }
        foreach (var (v, saved) in exitSaves) o.Add(Restore(v, saved));
    }

    /// <summary>
    /// The start of the trailing run [reduction loops…][assignments…] that can be fused, or the count when there is none.
    /// </summary>
    private int FusableSuffix(IReadOnlyList<Stmt> s)
    {
        int n = s.Count, k = n;
        while (k > 0 && s[k - 1] is DeclareStmt or AssignStmt or AccumulateStmt) k--;
        int tailStart = k;
        while (k > 0 && s[k - 1] is ForStmt f && IsReduction(f) && HasAdjoint(f)) k--;
        if (k == tailStart) return n;

        var suffix = s.Skip(k).ToList();
        var changed = Union(suffix.Select(x => _a.Defines(x)));
        var loops = suffix.Take(tailStart - k).ToList();
        for (int i = 0; i < loops.Count; i++)
        {
            for (int j = 0; j < loops.Count; j++)
            {
                if (i != j && _a.Reads(loops[i]).Overlaps(_a.Writes(loops[j]))) return n;
            }
        }
        foreach (var stmt in suffix.Skip(loops.Count))
        {
            if (_a.ReverseReads(stmt).Overlaps(changed)) return n;
        }
        return k;
    }

    private void FusedLoop(ForStmt loop, List<Stmt> o)
    {
        var body = new List<Stmt>();
        FwdRev(loop.Body, _a.Writes(loop.Body), body);
        o.Add(new CommentStmt("Fused forward and reverse sweep: " + loop.Source));
        o.Add(loop with { Body = new BlockStmt(body.ToEquatableArray()), Source = null });
    }

    // ---------------------------------------------------------------- Rev

    /// <param name="stmt">The statement to reverse.</param>
    /// <param name="need">Locals that must hold their entry values again afterwards.</param>
    /// <param name="o">Where the IR goes.</param>
    /// <param name="forwarded">Whether <paramref name="stmt"/> itself ran forward in this scope, so a declared local holds its value.</param>
    private void Rev(Stmt stmt, HashSet<string> need, List<Stmt> o, bool forwarded = false)
    {
        if (!HasAdjoint(stmt)) return;
        switch (stmt)
        {
            case DeclareStmt d when d.Init is not null:
                if (!_a.IsActive(d.Init)) break;
                Comment(stmt, o);
                // A local assigned only here and computed in this scope still holds e's value: reuse it in the partials.
                var known = forwarded && _a.IsSingleAssignment(d.Name) ? Local(d.Type, d.Name) : null;
                Propagate(d.Init, BarOf(d.Name), o, known);
                break;
            case AssignStmt a:
            {
                // u = e(…): the old value's adjoint starts from zero. Reset after the propagation, unless e reads u,
                // whose old value then receives part of the seed: copy the seed and reset first.
                Comment(stmt, o);
                var bar = BarOf(a.Name);
                var seed = StableSeed(a.Name, bar, a.Value, o);
                var reset = new AssignStmt(BarName(a.Name), Const(TypeOf(a.Name), 0));
                if (!ReferenceEquals(seed, bar)) o.Add(reset);
                Propagate(a.Value, seed, o);
                if (ReferenceEquals(seed, bar)) o.Add(reset);
                break;
            }
            case AccumulateStmt acc:
            {
                Comment(stmt, o);
                var seed = StableSeed(acc.Name, BarOf(acc.Name), acc.Value, o);
                Propagate(acc.Value, acc.Subtract ? Neg(seed) : seed, o);
                break;
            }
            case ElementAssignStmt element when !_a.IsOverwrittenArray(element.Array):
                // Write-once: the element held nothing before, so its adjoint only flows into the value written.
                Comment(stmt, o);
                Propagate(element.Value, new ArrayElementExpr(TypeOf(element.Array), BarName(element.Array), element.Index), o);
                break;
            case ElementAssignStmt element:
            {
                // An overwritten array, restored to this statement's entry: r[i] = e takes the element's adjoint and
                // resets it (the old value is overwritten); r[i] += e passes it on unchanged to e and the old value.
                Comment(stmt, o);
                var type = TypeOf(element.Array);
                var seed = StableSeed(element.Array, new ArrayElementExpr(type, BarName(element.Array), element.Index), element.Value, o, copy: !element.Accumulate);
                if (!element.Accumulate) o.Add(new ElementAssignStmt(BarName(element.Array), element.Index, Const(type, 0), Accumulate: false));
                Propagate(element.Value, seed, o);
                break;
            }
            case IfStmt i:
            {
                // The branch bodies are emitted as the if's own blocks (they scope their locals already).
                var then = new List<Stmt>();
                if (HasAdjoint(i.Then)) RevBlock(i.Then, need, then);
                var otherwise = new List<Stmt>();
                if (i.Else is not null && HasAdjoint(i.Else)) RevBlock(i.Else, need, otherwise);
                Comment(stmt, o);
                EmitIf(i.Condition, then, otherwise, o);
                break;
            }
            case BlockStmt b:
            {
                var inner = new List<Stmt>();
                RevBlock(b, need, inner);
                o.Add(new BlockStmt(inner.ToEquatableArray()));
                break;
            }
            case ForStmt f when IsReduction(f):
                RevReductionLoop(f, need, o);
                break;
            case ForStmt or WhileStmt:
                RevTapedLoop(stmt, need, o);
                break;
        }
    }

    /// <summary>Whether the reverse of <paramref name="stmt"/> tapes it: a while loop, or a for loop that is not a reduction.</summary>
    private bool IsTaped(Stmt stmt) => stmt is WhileStmt || stmt is ForStmt f && !IsReduction(f);

    private void RevBlock(BlockStmt block, HashSet<string> need, List<Stmt> o)
    {
        var s = block.Statements;
        int n = s.Count;
        if (n == 0) return;

        // Which statements must run forward: those defining a value that a later forward or reverse step reads, and
        // the declarations of the block's locals that a statement run forward assigns (it cannot assign them undeclared).
        // The reverse of a compound statement runs parts of it forward too (a taped loop replays its iterations), so
        // the locals it assigns are declared as well, even a pure accumulator (`v += …` does not count as a read).
        var forward = new bool[n];
        var declaredHere = new HashSet<string>(s.OfType<DeclareStmt>().Select(d => d.Name));
        var live = new HashSet<string>(_a.ReverseReads(s[n - 1]));
        if (s[n - 1] is ForStmt or WhileStmt or IfStmt or BlockStmt) live.UnionWith(_a.Writes(s[n - 1]).Where(declaredHere.Contains));
        // An active array's adjoint is declared with the array's length, so the array must be declared again.
        live.UnionWith(s.OfType<ArrayDeclareStmt>().Where(a => _a.IsActive(a.Name)).Select(a => a.Name));
        for (int k = n - 2; k >= 0; k--)
        {
            forward[k] = _a.Defines(s[k]).Overlaps(live);
            if (forward[k] || s[k] is ForStmt or WhileStmt or IfStmt or BlockStmt)
            {
                if (forward[k]) live.UnionWith(_a.Reads(s[k]));
                live.UnionWith(_a.Writes(s[k]).Where(declaredHere.Contains));
            }
            live.UnionWith(_a.ReverseReads(s[k]));
        }

        var saves = new List<(string, string)>[n];
        for (int k = 0; k < n - 1; k++)
        {
            saves[k] = new List<(string, string)>();
            if (!forward[k]) continue;
            var needed = new HashSet<string>(need);
            for (int j = 0; j <= k; j++) needed.UnionWith(_a.ReverseReads(s[j]));
            saves[k] = SaveBefore(s[k], needed, o);
            o.Add(s[k]);
        }
        DeclareBars(block, o);
        for (int k = n - 1; k >= 0; k--)
        {
            if (k < n - 1)
            {
                foreach (var (v, saved) in saves[k]) o.Add(Restore(v, saved));
            }
            var needK = new HashSet<string>(need);
            for (int j = 0; j < k; j++) needK.UnionWith(_a.ReverseReads(s[j]));
            Rev(s[k], needK, o, forwarded: k < n - 1 && forward[k]);
        }
    }

    private void RevReductionLoop(ForStmt loop, HashSet<string> need, List<Stmt> o)
    {
        var saves = SaveBefore(loop, need, o);
        var body = new List<Stmt>();
        RevBlock(loop.Body, new HashSet<string>(), body);
        o.Add(new CommentStmt("Reverse sweep (iterations are independent, so they run in forward order): " + loop.Source));
        o.Add(loop with { Body = new BlockStmt(body.ToEquatableArray()), Source = null });
        foreach (var (v, saved) in saves) o.Add(Restore(v, saved));
    }

    private void RevTapedLoop(Stmt loop, HashSet<string> need, List<Stmt> o)
    {
        var block = new List<Stmt>();
        var saves = SaveBefore(loop, need, block);
        TapedReverse(TapedForward(loop, block), block);
        foreach (var (v, saved) in saves) block.Add(Restore(v, saved));
        o.Add(new BlockStmt(block.ToEquatableArray()));
    }

    /// <summary>A loop run forward with its loop-carried state recorded on the tape, ready for <see cref="TapedReverse"/>.</summary>
    private sealed record TapedLoop(Stmt Loop, string Count, BlockStmt Body, List<string> Recorded);

    /// <summary>
    /// Runs <paramref name="loop"/> forward, pushing at the start of every iteration the outer locals the iteration
    /// changes and its reverse reads (an overwritten array as the length of its undo log), and counting the iterations
    /// in a local declared in <paramref name="o"/>'s scope. Leaves every local as the plain loop does.
    /// </summary>
    private TapedLoop TapedForward(Stmt loop, List<Stmt> o)
    {
        UsesTape = true;
        string count = _names.Fresh("iterations");
        o.Add(new DeclareStmt(count, ScalarType.Int32, Literals.Integer(ScalarType.Int32, 0)));
        var block = new List<Stmt>();
        BlockStmt body;
        Expr condition;
        bool doWhile = false;
        if (loop is ForStmt f)
        {
            block.AddRange(f.Init.Statements);
            body = new BlockStmt(f.Body.Statements.Concat(f.Increment.Statements).ToEquatableArray());
            condition = f.Condition ?? Literals.Boolean(true);
        }
        else
        {
            var w = (WhileStmt)loop;
            body = w.Body;
            condition = w.Condition;
            doWhile = w.IsDoWhile;
        }

        var recorded = _a.Writes(body).Where(v => _a.ReverseReads(body).Contains(v) && !_a.IsWriteOnceArray(v)).OrderBy(v => v, System.StringComparer.Ordinal).ToList();
        var forward = new List<Stmt>();
        foreach (var v in recorded)
        {
            forward.Add(_a.IsOverwrittenArray(v) ? new PushStmt(new LogCountExpr(_logs[v]), true) : new PushStmt(Local(TypeOf(v), v), !TypeOf(v).IsFloating()));
        }
        forward.AddRange(body.Statements);
        forward.Add(new AccumulateStmt(count, false, Literals.Integer(ScalarType.Int32, 1)));
        block.Add(new CommentStmt("Forward sweep recording the loop-carried state: " + loop.Source));
        block.Add(new WhileStmt(condition, new BlockStmt(forward.ToEquatableArray()), doWhile));
        o.Add(new BlockStmt(block.ToEquatableArray()));
        return new TapedLoop(loop, count, body, recorded);
    }

    /// <summary>
    /// The reverse of a loop recorded by <see cref="TapedForward"/>, last iteration first: each iteration pops its
    /// recorded state (undoing an overwritten array back to its mark) and reverses its body. Afterwards the recorded
    /// locals hold their values at the loop's entry.
    /// </summary>
    private void TapedReverse(TapedLoop taped, List<Stmt> o)
    {
        var block = new List<Stmt>();
        if (taped.Loop is ForStmt forLoop)
        {
            // The header's own locals (the counter), declared again for the pops that set them.
            block.AddRange(forLoop.Init.Statements.OfType<DeclareStmt>());
            DeclareBars(forLoop.Init, block);
        }
        var reverse = new List<Stmt>
        {
            new AccumulateStmt(taped.Count, true, Literals.Integer(ScalarType.Int32, 1)),
        };
        for (int i = taped.Recorded.Count - 1; i >= 0; i--)
        {
            string v = taped.Recorded[i];
            if (_a.IsOverwrittenArray(v))
            {
                var mark = _names.Fresh(v + "Mark");
                reverse.Add(new DeclareStmt(mark, ScalarType.Int32, null));
                reverse.Add(new PopStmt(mark, ScalarType.Int32));
                reverse.Add(new UndoStmt(_logs[v], v, Local(ScalarType.Int32, mark)));
            }
            else
            {
                reverse.Add(new PopStmt(v, TypeOf(v)));
            }
        }
        RevBlock(taped.Body, new HashSet<string>(), reverse);
        block.Add(new CommentStmt("Reverse sweep, last iteration first"));
        block.Add(new WhileStmt(Compare(BinaryOp.Greater, Local(ScalarType.Int32, taped.Count), Literals.Integer(ScalarType.Int32, 0)), new BlockStmt(reverse.ToEquatableArray()), false));
        o.Add(new BlockStmt(block.ToEquatableArray()));
    }

    // ---------------------------------------------------------------- adjoint of an expression

    /// <summary>Adds <paramref name="seed"/>·∂e/∂u to the adjoint of every active input u of <paramref name="e"/>.</summary>
    /// <param name="e">The expression.</param>
    /// <param name="seed">The adjoint of its value.</param>
    /// <param name="o">Where the IR goes.</param>
    /// <param name="value">A local already holding the value of <paramref name="e"/>, if any (saves recomputing a division or a call).</param>
    private void Propagate(Expr e, Expr seed, List<Stmt> o, Expr? value = null)
    {
        if (!_a.IsActive(e) || IsConst(seed, 0)) return;
        switch (e)
        {
            case LocalExpr l:
                o.Add(seed is UnaryExpr { Op: UnaryOp.Negate } neg
                    ? new AccumulateStmt(BarName(l.Name), true, neg.Operand)
                    : new AccumulateStmt(BarName(l.Name), false, seed));
                break;
            case ArrayElementExpr a:
                o.Add(new ElementAssignStmt(BarName(a.Array), a.Index, seed, Accumulate: true));
                break;
            case VariableElementExpr v:
                o.Add(seed is UnaryExpr { Op: UnaryOp.Negate } negated
                    ? new SpanAccumulateStmt(_gradient, v.Index, true, negated.Operand)
                    : new SpanAccumulateStmt(_gradient, v.Index, false, seed));
                break;
            case UnaryExpr { Op: UnaryOp.Negate } u:
                Propagate(u.Operand, Neg(seed), o);
                break;
            case ConvertExpr c:
                Propagate(c.Operand, Conversions.Convert(seed, c.Operand.Type), o);
                break;
            case ConditionalExpr c:
            {
                var then = new List<Stmt>();
                var otherwise = new List<Stmt>();
                var s = Bind(seed, o);
                Propagate(c.WhenTrue, s, then);
                Propagate(c.WhenFalse, s, otherwise);
                EmitIf(c.Condition, then, otherwise, o);
                break;
            }
            case BinaryExpr b:
                PropagateBinary(b, seed, o, value);
                break;
            case CallExpr c:
                PropagateCall(c, seed, o, value);
                break;
            case SpanRuleCallExpr call:
                PropagateSpanRule(call, seed, o);
                break;
            case UserCallExpr u:
            {
                var active = Enumerable.Range(0, u.Args.Count).Where(i => _a.IsActive(u.Args[i])).ToList();
                var s = active.Count > 1 ? Bind(seed, o) : seed;
                foreach (int i in active) Propagate(u.Args[i], Mul(s, _rules.Partial(u, i)), o);
                break;
            }
            case HelperCallExpr h:
                PropagateHelper(h, seed, o);
                break;
            default:
                // An active expression of a kind with no adjoint rule: never emit a silently wrong derivative.
                throw IrTree.Unknown(e);
        }
    }

    /// <summary>
    /// A span rule: the user's gradient of the helper goes into a pooled scratch array, which is added, times the
    /// seed, to the gradient: <c>gradient[i] += seed · ∇F(x)[i]</c>.
    /// </summary>
    private void PropagateSpanRule(SpanRuleCallExpr call, Expr seed, List<Stmt> o)
    {
        var scratch = _names.Fresh(ShortName(call.Method) + "Gradient");
        var counter = _names.Fresh("i");
        var s = Bind(seed, o);
        o.AddRange(ForEachGradientEntry(call, scratch, counter, call.Windowed ? _names.Fresh(ShortName(call.Method) + "Start") : "", (entry, variable) =>
            new SpanAccumulateStmt(_gradient, variable, false, Mul(s, new ArrayElementExpr(call.Type, scratch, entry)))));
    }

    /// <summary>
    /// The statements that put the user's gradient of a span rule's helper at the variables into a new pooled scratch
    /// array <paramref name="scratch"/> (declared here), then run <paramref name="body"/> for every index
    /// <c>counter</c> of the variables: how both transforms read ∇F(x) entry by entry.
    /// </summary>
    /// <remarks>
    /// <paramref name="body"/> gets the entry's index in the scratch and the index of its variable: the same for a
    /// call on the variables, shifted by the start for a windowed call on a slice of them.
    /// </remarks>
    internal static IEnumerable<Stmt> ForEachGradientEntry(SpanRuleCallExpr call, string scratch, string counter, string start, Func<Expr, Expr, Stmt> body)
    {
        var index = Local(ScalarType.Int32, counter);
        Expr length = call.Windowed ? call.Args[1] : new VariablesLengthExpr();
        Expr first = call.Windowed ? call.Args[0] : Literals.Integer(ScalarType.Int32, 0);
        if (call.Windowed && first is not (ConstExpr or LocalExpr))
        {
            // The window's start, checked once, outside the loop that reads it per entry.
            yield return new DeclareStmt(start, ScalarType.Int32, first);
            first = Local(ScalarType.Int32, start);
        }
        Expr variable = call.Windowed ? ExprBuilder.Add(first, index) : index;
        yield return new ArrayDeclareStmt(scratch, call.Type, length, ArrayStorage.Heap, Clear: true);
        yield return new SpanRuleCallStmt(call.Gradient, call.HessianVectorProduct, null, scratch, call.Args, call.Windowed);
        yield return new ForStmt(
            new BlockStmt(new Stmt[] { new DeclareStmt(counter, ScalarType.Int32, Literals.Integer(ScalarType.Int32, 0)) }.ToEquatableArray()),
            Compare(BinaryOp.Less, index, length),
            new BlockStmt(new Stmt[] { new AccumulateStmt(counter, false, Literals.Integer(ScalarType.Int32, 1)) }.ToEquatableArray()),
            new BlockStmt(new[] { body(index, variable) }.ToEquatableArray()));
    }

    /// <summary>The method name of a fully qualified <c>global::Ns.Type.Method</c>, lower-camel-cased for a local's name.</summary>
    internal static string ShortName(string method)
    {
        var name = method.Substring(method.LastIndexOf('.') + 1);
        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }

    private void PropagateBinary(BinaryExpr b, Expr seed, List<Stmt> o, Expr? value)
    {
        bool left = _a.IsActive(b.Left), right = _a.IsActive(b.Right);
        switch (b.Op)
        {
            case BinaryOp.Add or BinaryOp.Subtract:
            {
                var s = left && right ? Bind(seed, o) : seed;
                Propagate(b.Left, s, o);
                Propagate(b.Right, b.Op == BinaryOp.Subtract ? Neg(s) : s, o);
                break;
            }
            case BinaryOp.Multiply:
            {
                if (AsPower(b) is { } power)
                {
                    // c·Xᵏ (e.g. a·a, 100·b·b, r2·r2·r2): one contribution k·c·Xᵏ⁻¹ instead of one per factor.
                    var (constant, factor, k) = power;
                    Expr derivative = Mul(Const(b.Type, k), constant);
                    for (int i = 1; i < k; i++) derivative = Mul(derivative, factor);
                    Propagate(factor, Mul(seed, derivative), o);
                    break;
                }
                var s = left && right ? Bind(seed, o) : seed;
                if (left) Propagate(b.Left, Mul(s, b.Right), o);
                if (right) Propagate(b.Right, Mul(s, b.Left), o);
                break;
            }
            case BinaryOp.Divide:
            {
                // q = a/b: ∂q/∂a = 1/b, ∂q/∂b = −(a/b)/b.
                if (right && b.Left is ConstExpr { Value: not 0 } && value is not null)
                {
                    // A constant numerator and q at hand: ∂q/∂b = −q²/a, with no division when a is 1 (LJ's 1/r⁶).
                    Propagate(b.Right, Neg(Mul(seed, Div(Mul(value, value), b.Left))), o);
                    break;
                }
                var scaled = Div(seed, b.Right);
                if (left && right) scaled = Bind(scaled, o);
                if (left) Propagate(b.Left, scaled, o);
                if (right) Propagate(b.Right, Neg(Mul(scaled, value ?? Div(b.Left, b.Right))), o);
                break;
            }
        }
    }

    /// <summary>
    /// Recognizes a product c·X·X·…·X (k ≥ 2 equal active factors, c the product of the inactive ones) and returns
    /// (c, X, k); null for any other product.
    /// </summary>
    private (Expr Constant, Expr Factor, int Power)? AsPower(BinaryExpr product)
    {
        var factors = new List<Expr>();
        void Flatten(Expr e)
        {
            if (e is BinaryExpr { Op: BinaryOp.Multiply } m && m.Type == product.Type)
            {
                Flatten(m.Left);
                Flatten(m.Right);
            }
            else
            {
                factors.Add(e);
            }
        }
        Flatten(product);
        var active = factors.Where(_a.IsActive).ToList();
        if (active.Count < 2 || active.Any(f => !f.Equals(active[0]))) return null;
        Expr constant = Const(product.Type, 1);
        foreach (var f in factors.Where(f => !_a.IsActive(f))) constant = Mul(constant, f);
        return (constant, active[0], active.Count);
    }

    private void PropagateCall(CallExpr c, Expr seed, List<Stmt> o, Expr? known)
    {
        var args = c.Args.ToArray();
        var selection = DerivativeRules.Selection(c.Function, args);
        if (selection is not null)
        {
            var s = Bind(seed, o);
            var first = new List<Stmt>();
            var second = new List<Stmt>();
            if (c.Function == MathFunction.Abs)
            {
                Propagate(args[0], s, first);
                Propagate(args[0], Neg(s), second);
            }
            else
            {
                Propagate(args[0], s, first);
                Propagate(args[1], s, second);
            }
            EmitIf(selection, first, second, o);
            return;
        }
        Expr value = c;
        if (DerivativeRules.UsesValue(c.Function)) value = known ?? Bind(c, o, "f");
        var partials = DerivativeRules.Partials(c.Function, c.Type, args, value, _a.IsActive);
        var seedBound = partials.Count > 1 ? Bind(seed, o) : seed;
        foreach (var (index, partial) in partials) Propagate(args[index], Mul(seedBound, partial), o);
    }

    /// <summary>
    /// The adjoint of a call of a helper transformed once: its generated gradient gives ∂H/∂argⱼ at the arguments (a
    /// partial per active argument, the others discarded), and each active argument receives seed·∂H/∂argⱼ.
    /// </summary>
    private void PropagateHelper(HelperCallExpr h, Expr seed, List<Stmt> o)
    {
        var partials = new string[h.Args.Count];
        var active = new List<int>();
        for (int j = 0; j < h.Args.Count; j++)
        {
            partials[j] = "";
            if (!_a.IsActive(h.Args[j])) continue;
            var title = h.Helper.Title;
            var parameter = h.Helper.Parameters[j];
            partials[j] = _names.Fresh(char.ToLowerInvariant(title[0]) + title.Substring(1) + char.ToUpperInvariant(parameter[0]) + parameter.Substring(1) + "Partial");
            active.Add(j);
        }
        o.Add(new HelperGradientStmt(h.Helper, h.Args, partials.ToEquatableArray()));
        var s = active.Count > 1 ? Bind(seed, o) : seed;
        foreach (int j in active)
        {
            var type = h.Args[j].Type;
            Propagate(h.Args[j], Mul(Conversions.Convert(s, type), Local(type, partials[j])), o);
        }
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Whether the reverse of <paramref name="stmt"/> can change an adjoint (it assigns an active local).</summary>
    private bool HasAdjoint(Stmt stmt) => IrTree.Descendants(stmt).Any(s => s switch
    {
        DeclareStmt d => d.Init is not null && _a.IsActive(d.Name),
        AssignStmt a => _a.IsActive(a.Name),
        AccumulateStmt acc => _a.IsActive(acc.Name),
        ElementAssignStmt element => _a.IsActive(element.Array),
        _ => false,
    });

    /// <summary>
    /// A for loop whose iterations are independent: its counters change only in the increment and are inactive; its
    /// condition and increment read only counters and locals the loop does not change; every outer local its body
    /// changes is an accumulator (only <c>+=</c>/<c>-=</c>, never read in the loop).
    /// </summary>
    private bool IsReduction(ForStmt loop)
    {
        var counters = new HashSet<string>(_a.Declared(loop.Init));
        counters.UnionWith(_a.Writes(loop.Init));
        counters.UnionWith(_a.Writes(loop.Increment));
        if (counters.Any(_a.IsActive)) return false;
        if (!_a.Writes(loop.Increment).IsSubsetOf(counters)) return false;
        var bodyWrites = _a.Writes(loop.Body);
        if (bodyWrites.Overlaps(counters)) return false;

        var loopWrites = _a.Writes(loop);
        var headerReads = new HashSet<string>(_a.Reads(loop.Increment));
        if (loop.Condition is not null) IrQueries.LocalReads(loop.Condition, headerReads);
        headerReads.UnionWith(_a.Reads(loop.Init));
        foreach (var v in headerReads)
        {
            // A local array's length never changes, so a header reading it stays independent of the iterations.
            if (!counters.Contains(v) && loopWrites.Contains(v) && !_a.IsArray(v)) return false;
        }

        var loopReads = _a.Reads(loop);
        var bodyDeclared = _a.Declared(loop.Body);
        foreach (var v in bodyWrites)
        {
            // An overwritten array written by the loop makes it taped: its iterations may overwrite each other's elements.
            if (_a.IsOverwrittenArray(v)) return false;
            if (_a.IsArray(v))
            {
                // A write-once array filled by the loop keeps iterations independent unless the loop reads its elements.
                if (IrQueries.ElementReads(loop).Contains(v)) return false;
                continue;
            }
            if (loopReads.Contains(v)) return false;
            bool onlyAccumulated = IrTree.Descendants(loop.Body).All(s => s switch
            {
                AssignStmt a => a.Name != v || bodyDeclared.Contains(v),
                _ => true,
            });
            if (!onlyAccumulated) return false;
        }
        return true;
    }

    private List<(string Var, string Saved)> SaveBefore(Stmt stmt, HashSet<string> needed, List<Stmt> o) =>
        SaveValues(_a.Writes(stmt).Where(needed.Contains), o);

    private List<(string Var, string Saved)> SaveValues(IEnumerable<string> vars, List<Stmt> o)
    {
        var list = new List<(string, string)>();
        // A write-once array keeps every element it was given, so there is nothing to save; an overwritten array is
        // saved as a mark in its undo log (see Restore).
        foreach (var v in vars.Where(v => !_a.IsWriteOnceArray(v)).OrderBy(v => v, System.StringComparer.Ordinal))
        {
            if (_a.IsOverwrittenArray(v))
            {
                var mark = _names.Fresh(v + "Mark");
                o.Add(new DeclareStmt(mark, ScalarType.Int32, new LogCountExpr(_logs[v])));
                list.Add((v, mark));
                continue;
            }
            var saved = _names.Fresh(v + "Saved");
            o.Add(new DeclareStmt(saved, TypeOf(v), Local(TypeOf(v), v)));
            list.Add((v, saved));
        }
        return list;
    }

    /// <summary>Puts back a value saved by <see cref="SaveValues"/>: a local's, or an overwritten array's contents (undone to the mark).</summary>
    private Stmt Restore(string v, string saved) =>
        _a.IsOverwrittenArray(v) ? new UndoStmt(_logs[v], v, Local(ScalarType.Int32, saved)) : new AssignStmt(v, Local(TypeOf(v), saved));

    /// <summary>Declares (as zero) the adjoints of the active locals declared directly in <paramref name="block"/>.</summary>
    private void DeclareBars(BlockStmt block, List<Stmt> o)
    {
        foreach (var d in block.Statements.OfType<DeclareStmt>())
        {
            if (d.Name != _value && _a.IsActive(d.Name))
            {
                o.Add(new DeclareStmt(BarName(d.Name), d.Type, Const(d.Type, 0)));
            }
        }
        foreach (var a in block.Statements.OfType<ArrayDeclareStmt>())
        {
            if (_a.IsActive(a.Name))
            {
                o.Add(new ArrayDeclareStmt(BarName(a.Name), a.Element, new ArrayLengthExpr(a.Name), a.Storage, Clear: true) { Scratch = a.Scratch is null ? null : BarName(a.Scratch) });
            }
        }
    }

    /// <summary>
    /// The seed for spreading the adjoint <paramref name="bar"/> of <paramref name="target"/> onto <paramref name="value"/>:
    /// <paramref name="bar"/> itself, or a copy declared first when the propagation could change it while it is still
    /// the seed (<paramref name="value"/> reads <paramref name="target"/>: `s += s·y` adds to sBar) or when the caller
    /// resets it before propagating (<paramref name="copy"/>). A constant adjoint is never copied.
    /// </summary>
    private Expr StableSeed(string target, Expr bar, Expr value, List<Stmt> o, bool copy = false)
    {
        var reads = new HashSet<string>();
        IrQueries.LocalReads(value, reads);
        if (bar is ConstExpr || !copy && !reads.Contains(target)) return bar;
        var saved = _names.Fresh(target + "BarOld");
        o.Add(new DeclareStmt(saved, TypeOf(target), bar));
        return Local(TypeOf(target), saved);
    }

    private Expr BarOf(string name) => name == _value ? Const(TypeOf(name), 1) : Local(TypeOf(name), BarName(name));

    private string BarName(string name)
    {
        if (!_bars.TryGetValue(name, out var bar))
        {
            bar = _names.Fresh(name + "Bar");
            _bars[name] = bar;
        }
        return bar;
    }

    private ScalarType TypeOf(string name) => _types.TryGetValue(name, out var t) ? t : ScalarType.Double;

    private Expr Bind(Expr e, List<Stmt> o, string prefix = "d")
    {
        if (IsTrivial(e)) return e;
        var name = _names.Fresh(prefix);
        o.Add(new DeclareStmt(name, e.Type, e));
        return Local(e.Type, name);
    }

    private static void EmitIf(Expr condition, List<Stmt> then, List<Stmt> otherwise, List<Stmt> o)
    {
        if (then.Count == 0 && otherwise.Count == 0) return;
        if (condition is ConstExpr { Type: ScalarType.Boolean } constant)
        {
            // A constant condition (the user's `if (true)`): only the side it picks, so no branch is unreachable code.
            var taken = constant.Value != 0 ? then : otherwise;
            if (taken.Count > 0) o.Add(new BlockStmt(taken.ToEquatableArray()));
            return;
        }
        if (then.Count == 0)
        {
            o.Add(new IfStmt(new UnaryExpr(ScalarType.Boolean, UnaryOp.Not, condition), new BlockStmt(otherwise.ToEquatableArray()), null));
            return;
        }
        o.Add(new IfStmt(condition, new BlockStmt(then.ToEquatableArray()), otherwise.Count == 0 ? null : new BlockStmt(otherwise.ToEquatableArray())));
    }

    private static void Comment(Stmt stmt, List<Stmt> o)
    {
        if (stmt.Source is { } source) o.Add(new CommentStmt("adjoint of: " + source));
    }


    private static HashSet<string> Union(IEnumerable<HashSet<string>> sets)
    {
        var result = new HashSet<string>();
        foreach (var s in sets) result.UnionWith(s);
        return result;
    }
}
