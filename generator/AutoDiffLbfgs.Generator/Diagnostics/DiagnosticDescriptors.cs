using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports, one id per kind of problem. docs/diagnostics.md lists each with a bad
/// example and the fix; AnalyzerReleases.Unshipped.md tracks them.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Signature = "AutoDiffLbfgs.Signature";
    private const string Body = "AutoDiffLbfgs.Body";

    /// <summary>Where docs/diagnostics.md lives in the public repository; each id's help link is a section of it.</summary>
    public const string DocumentationUrl = "https://github.com/AutoDiffLbfgs/AutoDiffLbfgs/blob/main/docs/diagnostics.md";

    private static DiagnosticDescriptor Error(string id, string title, string message, string category)
    {
        string link = DocumentationUrl + "#" + Anchor(id + ": " + title);
        return new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "See " + link + " for an example and the fix.", helpLinkUri: link);
    }

    /// <summary>
    /// The anchor a Markdown renderer (GitHub's) gives the heading <c>## ADL0101: Expression is not differentiable</c>:
    /// lower case, spaces to hyphens, punctuation other than hyphens and underscores dropped. A test checks every
    /// link against the headings of docs/diagnostics.md.
    /// </summary>
    public static string Anchor(string heading)
    {
        var anchor = new System.Text.StringBuilder(heading.Length);
        foreach (char c in heading.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_') anchor.Append(c);
            else if (c == ' ') anchor.Append('-');
        }
        return anchor.ToString();
    }

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "ADL0001", "Containing type must be partial",
        "Type '{0}' contains the [Objective] method '{1}' and must be declared 'partial' so the generated members can be added to it",
        Signature);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "ADL0002", "Objective must return double or float",
        "The [Objective] method '{0}' returns '{1}'; an objective must return 'double' or 'float'",
        Signature);

    public static readonly DiagnosticDescriptor UnsupportedVariablesType = Error(
        "ADL0003", "Variables parameter has an unsupported type",
        "The first parameter '{0}' of the [Objective] method has type '{1}'; the variables must be 'ReadOnlySpan<{2}>', 'Span<{2}>' or '{2}[]' (the element type matches the return type)",
        Signature);

    public static readonly DiagnosticDescriptor NoVariables = Error(
        "ADL0004", "Objective has no variables parameter",
        "The [Objective] method '{0}' has no parameters; add the variables as its first parameter, e.g. 'ReadOnlySpan<double> x'",
        Signature);

    public static readonly DiagnosticDescriptor GenericNotSupported = Error(
        "ADL0005", "Generic objectives are not supported",
        "'{0}' is generic; [Objective] methods and their containing types must not have type parameters",
        Signature);

    public static readonly DiagnosticDescriptor NoBody = Error(
        "ADL0006", "Objective has no body",
        "The [Objective] method '{0}' has no body to differentiate (abstract, extern or a partial declaration); give it a body",
        Signature);

    public static readonly DiagnosticDescriptor UnsupportedParameterModifier = Error(
        "ADL0007", "ref and out parameters are not supported",
        "Parameter '{0}' is declared '{1}'; objective parameters must be passed by value",
        Signature);

    public static readonly DiagnosticDescriptor CollidingOverloads = Error(
        "ADL0008", "Objective overloads would generate the same members",
        "The [Objective] method '{0}' and its overload '{1}' would generate the same gradient and Hessian-vector-product methods: the generated methods take the variables as ReadOnlySpan<T> whatever their declared kind; give one of them another name",
        Signature);

    public static readonly DiagnosticDescriptor UnsupportedStatement = Error(
        "ADL0100", "Statement is not differentiable",
        "The {0} statement is not supported in an [Objective] body; rewrite it with for/foreach/while loops, if/else and switch on integers",
        Body);

    public static readonly DiagnosticDescriptor UnsupportedExpression = Error(
        "ADL0101", "Expression is not differentiable",
        "The expression '{0}' ({1}) is not supported in an [Objective] body; use double/float arithmetic, Math functions, data and the variables",
        Body);

    public static readonly DiagnosticDescriptor AssignmentToVariables = Error(
        "ADL0102", "The variables are read-only",
        "'{0}' writes to the variables '{1}'; an objective must not modify its variables, copy the value into a local instead",
        Body);

    public static readonly DiagnosticDescriptor UnsupportedCall = Error(
        "ADL0103", "Call is not differentiable",
        "The call to '{0}' is not supported in an [Objective] body: {1}. Only the Math/MathF functions listed in docs/differentiation.md and non-virtual, non-generic methods or local functions of your code with scalar, span or array parameters and a scalar result can be differentiated",
        Body);

    public static readonly DiagnosticDescriptor ExceptionHandling = Error(
        "ADL0104", "Exception handling is not differentiable",
        "'{0}' is not supported in an [Objective] body; return a large value or NaN instead of throwing, and validate data before the solve",
        Body);

    public static readonly DiagnosticDescriptor GotoNotSupported = Error(
        "ADL0105", "goto is not differentiable",
        "'{0}' is not supported in an [Objective] body; use structured loops with break/continue",
        Body);

    public static readonly DiagnosticDescriptor Recursion = Error(
        "ADL0106", "Recursion is not differentiable",
        "'{0}' calls itself, directly or through other methods it calls; helpers are inlined or transformed once, and neither ends for a method that calls itself, so rewrite the recursion as a loop",
        Body);

    public static readonly DiagnosticDescriptor UnsafeCode = Error(
        "ADL0107", "Unsafe code is not differentiable",
        "'{0}' (unsafe code, pointers, fixed or stackalloc) is not supported in an [Objective] body",
        Body);

    public static readonly DiagnosticDescriptor LambdaOrQuery = Error(
        "ADL0108", "Lambdas and queries are not differentiable",
        "The {0} is not supported in an [Objective] body; write the computation inline with loops, or as a local function or helper method",
        Body);

    public static readonly DiagnosticDescriptor UnsupportedLocalType = Error(
        "ADL0109", "Local of an unsupported type",
        "Local '{0}' has type '{1}'; locals in an [Objective] body must be double, float, int, long or bool{2}",
        Body);

    public static readonly DiagnosticDescriptor AssignmentToData = Error(
        "ADL0110", "Data is read-only",
        "'{0}' writes to '{1}', which is data (a parameter after the variables, a field or a property); an objective must not modify its data",
        Body);

    public static readonly DiagnosticDescriptor HelperNotInlinable = Error(
        "ADL0111", "Helper cannot be inlined here",
        "The call to '{0}' cannot be inlined: {1}",
        Body);

    public static readonly DiagnosticDescriptor LocalArrayNotWriteOnce = Error(
        "ADL0112", "Local array is not created by its declaration",
        "Local array '{0}' {1}; a local array must be created by its declaration with 'new T[n]' or 'stackalloc T[n]' and never assigned another array",
        Body);

    public static readonly DiagnosticDescriptor InvalidDerivativeRule = Error(
        "ADL0113", "Invalid [Derivative] rule",
        "The [Derivative] rule of '{0}' cannot be used: {1}",
        Body);

    public static readonly DiagnosticDescriptor GenericCall = Error(
        "ADL0114", "Generic methods are not differentiable",
        "The call to '{0}' is not supported in an [Objective] body: it is a generic method; write a version of it for double (or float) without type parameters",
        Body);

    public static readonly DiagnosticDescriptor ReferenceArgument = Error(
        "ADL0115", "ref arguments and out arguments other than locals are not differentiable",
        "The call to '{0}' passes '{1}' by reference; helpers in an [Objective] body take their arguments by value (or 'in') and give values back as their result, a tuple, or out arguments into locals",
        Body);

    public static readonly DiagnosticDescriptor ObjectCreation = Error(
        "ADL0116", "Objects and collections are not differentiable",
        "'{0}' creates a '{1}', which an [Objective] body cannot hold; compute with double/float locals, and use a local array ('new double[n]', declared once) where you need a buffer",
        Body);

    public static readonly DiagnosticDescriptor StringValue = Error(
        "ADL0117", "Strings are not differentiable",
        "'{0}' is a string; an [Objective] body computes numbers only, so formatting and logging belong outside it",
        Body);

    public static readonly DiagnosticDescriptor PatternTest = Error(
        "ADL0118", "Type and pattern tests are not differentiable",
        "'{0}' tests a type or a pattern; use comparisons ('<', '>=', '==') and '&&'/'||' instead",
        Body);

    public static readonly DiagnosticDescriptor DiscardedValue = Error(
        "ADL0119", "Value computed and discarded",
        "'{0}' computes a value and discards it, which has no effect on the objective; assign it to a local or remove it",
        Body);

    public static readonly DiagnosticDescriptor InternalError = Error(
        "ADL0900", "Internal generator error",
        "AutoDiffLbfgs could not generate derivatives for '{0}': {1}. Please report this with the method body.",
        Body);
}
