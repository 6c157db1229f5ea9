using System.Collections.Generic;

namespace AutoDiffLbfgs.Generator.Model;

/// <summary>Hands out generated local names that cannot collide with the user's identifiers or with each other.</summary>
internal sealed class NameAllocator
{
    private readonly HashSet<string> _taken;

    public NameAllocator(IEnumerable<string> taken) => _taken = new HashSet<string>(taken);

    /// <summary>Returns <paramref name="preferred"/> if it is free, else <paramref name="preferred"/> followed by the first free number.</summary>
    public string Fresh(string preferred)
    {
        if (_taken.Add(preferred)) return preferred;
        for (int i = 2; ; i++)
        {
            var candidate = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_taken.Add(candidate)) return candidate;
        }
    }
}
