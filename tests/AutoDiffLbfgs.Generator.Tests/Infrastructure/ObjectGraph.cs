using System.Reflection;

namespace AutoDiffLbfgs.Generator.Tests.Infrastructure;

/// <summary>
/// Walks an object graph by reflection (every instance field, public or not, of every reachable object, and the
/// elements of arrays) and reports the paths at which a value of a forbidden type is reachable. This is how the
/// System.Text.Json generator tests prove their cached models hold no Roslyn object.
/// </summary>
internal static class ObjectGraph
{
    /// <summary>The paths (from <paramref name="rootName"/>) at which an instance of one of <paramref name="forbidden"/> is reachable.</summary>
    public static IReadOnlyList<string> FindReachable(object root, string rootName, IReadOnlyList<Type> forbidden)
    {
        var found = new List<string>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(root, rootName, depth: 0);
        return found;

        void Visit(object? value, string path, int depth)
        {
            if (value is null || depth > 64) return;
            var type = value.GetType();
            if (forbidden.FirstOrDefault(f => f.IsAssignableFrom(type)) is { } hit)
            {
                found.Add($"{path}: {type.FullName} (a {hit.Name})");
                return;
            }

            if (type.IsPrimitive || type.IsEnum || type.IsPointer || value is string or decimal or Type) return;
            if (!type.IsValueType && !visited.Add(value)) return;

            if (value is Array array)
            {
                int index = 0;
                foreach (var element in array) Visit(element, $"{path}[{index++}]", depth + 1);
                return;
            }

            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer || field.FieldType.IsByRefLike) continue;
                    if (forbidden.FirstOrDefault(f => f.IsAssignableFrom(field.FieldType)) is { } declared)
                    {
                        found.Add($"{path}.{field.Name}: field declared as {field.FieldType.FullName} (a {declared.Name})");
                        continue;
                    }

                    Visit(field.GetValue(value), $"{path}.{field.Name}", depth + 1);
                }
            }
        }
    }
}
