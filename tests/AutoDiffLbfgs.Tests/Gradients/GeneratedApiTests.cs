using System.Reflection;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// The members generated for every <c>[Objective]</c> of this assembly, read back by reflection from the real build:
/// <c>T FGradient(ReadOnlySpan&lt;T&gt; x, Span&lt;T&gt; gradient, data…)</c> with the static-ness and accessibility of F,
/// and a nested <c>FObjective</c> struct (a ref struct exactly when a data parameter is a span) implementing
/// <see cref="IDifferentiableObjective{T}"/>, constructed from the data (after the target, for instance objectives).
/// </summary>
public sealed class GeneratedApiTests
{
    private const BindingFlags AllMembers = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    public static TheoryData<string> Objectives => new(ObjectiveMethods().Select(Describe));

    [Fact]
    public void TheAssemblyHasObjectives() => Assert.True(ObjectiveMethods().Count() >= 25);

    [Theory]
    [MemberData(nameof(Objectives))]
    public void GradientMethodMirrorsTheObjective(string objective)
    {
        var method = Find(objective);
        var t = method.ReturnType;
        var data = method.GetParameters().Skip(1).Select(p => p.ParameterType).ToArray();

        Type[] expected = [typeof(ReadOnlySpan<>).MakeGenericType(t), typeof(Span<>).MakeGenericType(t), .. data];
        // Overloads of an objective get overloads of its gradient: exactly one has this objective's parameters.
        var gradient = Assert.Single(method.DeclaringType!.GetMethods(AllMembers),
            m => m.Name == method.Name + "Gradient" && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(expected));
        Assert.Equal(method.IsStatic, gradient.IsStatic);
        Assert.Equal(Accessibility(method), Accessibility(gradient));
        Assert.Equal(t, gradient.ReturnType);
    }

    [Theory]
    [MemberData(nameof(Objectives))]
    public void ObjectiveStructImplementsTheRuntimeInterface(string objective)
    {
        var method = Find(objective);
        var t = method.ReturnType;
        // An 'in' data parameter is stored in a field of the struct, so its constructor takes the value.
        var data = method.GetParameters().Skip(1).Select(p => p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType).ToArray();

        var type = method.DeclaringType!.GetNestedType(StructPrefix(method) + "Objective", BindingFlags.Public | BindingFlags.NonPublic);
        Assert.NotNull(type);
        Assert.True(type!.IsValueType, $"{type} must be a struct.");
        bool hasSpanData = data.Any(d => d.IsByRefLike);
        Assert.Equal(hasSpanData, type.IsByRefLike);
        Assert.Contains(typeof(IDifferentiableObjective<>).MakeGenericType(t), type.GetInterfaces());

        Type[] constructorParameters = method.IsStatic ? data : [method.DeclaringType!, .. data];
        if (constructorParameters.Length > 0)
        {
            Assert.NotNull(type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, constructorParameters));
        }
    }

    private static IEnumerable<MethodInfo> ObjectiveMethods() =>
        typeof(GeneratedApiTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(AllMembers))
            .Where(m => m.GetCustomAttribute<ObjectiveAttribute>() is not null)
            .OrderBy(Describe, StringComparer.Ordinal);

    private static string Describe(MethodInfo method) =>
        $"{method.DeclaringType!.FullName}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType))})";

    /// <summary>
    /// The documented name of an objective's structs (docs/differentiation.md, "Overloads"): the method's name, and for one
    /// of several [Objective] methods of that name in its type, the words of its element type and data parameter types.
    /// </summary>
    private static string StructPrefix(MethodInfo method)
    {
        bool overloaded = method.DeclaringType!.GetMethods(AllMembers).Count(m => m.Name == method.Name && m.GetCustomAttribute<ObjectiveAttribute>() is not null) > 1;
        if (!overloaded) return method.Name;
        static string Word(Type type) => type.IsArray ? Word(type.GetElementType()!) + "Array"
            : type.IsByRef ? Word(type.GetElementType()!)
            : type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] + string.Concat(type.GetGenericArguments().Select(Word))
            : type.Name;
        return method.Name + Word(method.ReturnType) + string.Concat(method.GetParameters().Skip(1).Select(p => Word(p.ParameterType)));
    }

    private static MethodInfo Find(string objective) => ObjectiveMethods().Single(m => Describe(m) == objective);

    private static string Accessibility(MethodInfo m) =>
        m.IsPublic ? "public" : m.IsAssembly ? "internal" : m.IsPrivate ? "private" : m.IsFamily ? "protected" : m.IsFamilyOrAssembly ? "protected internal" : "private protected";
}
