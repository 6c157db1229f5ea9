using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Data-flow facts the reverse transform relies on: which locals a statement reads and writes, which locals are
/// active (depend on the variables), and which entry values the reverse of a statement needs.
/// </summary>
internal sealed partial class Analysis
{
    private readonly HashSet<string> _active;
    private readonly Dictionary<Stmt, HashSet<string>> _reads = new(ReferenceComparer<Stmt>.Instance);
    private readonly Dictionary<Stmt, HashSet<string>> _writes = new(ReferenceComparer<Stmt>.Instance);
    private readonly Dictionary<Stmt, HashSet<string>> _declared = new(ReferenceComparer<Stmt>.Instance);
    private readonly Dictionary<Stmt, HashSet<string>> _reverseReads = new(ReferenceComparer<Stmt>.Instance);

    private readonly HashSet<string> _reassigned = new();
    private readonly HashSet<string> _arrays = new();
    private readonly HashSet<string> _overwritten = new();

    /// <summary>Whether <paramref name="name"/> is a local array.</summary>
    public bool IsArray(string name) => _arrays.Contains(name);

    /// <summary>Whether <paramref name="name"/> is a write-once local array: its elements never need saving or taping.</summary>
    public bool IsWriteOnceArray(string name) => _arrays.Contains(name) && !_overwritten.Contains(name);

    /// <summary>Whether <paramref name="name"/> is an overwritten local array: saved and restored through its undo log.</summary>
    public bool IsOverwrittenArray(string name) => _overwritten.Contains(name);

    public Analysis(BlockStmt body)
    {
        _active = ComputeActive(body);
        var declarations = new HashSet<string>();
        foreach (var stmt in IrTree.Descendants(body))
        {
            switch (stmt)
            {
                case DeclareStmt d when !declarations.Add(d.Name): _reassigned.Add(d.Name); break; // same name in sibling scopes
                case AssignStmt a: _reassigned.Add(a.Name); break;
                case AccumulateStmt acc: _reassigned.Add(acc.Name); break;
                case ArrayDeclareStmt a:
                    _arrays.Add(a.Name);
                    if (a.Overwritten) _overwritten.Add(a.Name);
                    break;
            }
        }
    }

    /// <summary>Whether local <paramref name="name"/> is assigned only by its declaration (never reassigned or accumulated).</summary>
    public bool IsSingleAssignment(string name) => !_reassigned.Contains(name);

    /// <summary>Whether local <paramref name="name"/> is active: floating-point and (transitively) dependent on the variables.</summary>
    public bool IsActive(string name) => _active.Contains(name);

    /// <summary>Whether <paramref name="expr"/> depends on the variables.</summary>
    public bool IsActive(Expr expr) => expr.Type.IsFloating() && DependsOnVariables(expr, _active);
}
