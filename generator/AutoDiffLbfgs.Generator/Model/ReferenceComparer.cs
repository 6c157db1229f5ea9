using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace AutoDiffLbfgs.Generator.Model;

/// <summary>Reference equality for IR nodes: structurally equal statements in different places must not share facts.</summary>
internal sealed class ReferenceComparer<T> : IEqualityComparer<T>
    where T : class
{
    public static readonly ReferenceComparer<T> Instance = new();

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
