using System.Linq;
using System.Text;
using AutoDiffLbfgs.Generator.Diagnostics;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffLbfgs.Generator.Lowering;

// The constructs outside the differentiable subset, refused here: one method per construct, each with its own id
// (docs/diagnostics.md) and a message in C# words. Two rules make one mistake one error:
// - a refusal names the outermost unsupported construct, and the lowering does not descend into it;
// - nothing is reported for code the compiler already rejects (an unknown name or member: the compiler's own error
//   says it) or for code that reads a local refused where it was declared.
internal sealed partial class BodyLowering
{
    /// <summary>
    /// Reports <paramref name="descriptor"/> at <paramref name="operation"/> unless the rules above say it is already
    /// reported; either way every local the construct declares (<c>out var</c>, a pattern's designation) is refused
    /// with it, so the code that reads those locals reports nothing more.
    /// </summary>
    private Expr Refuse(DiagnosticDescriptor descriptor, IOperation operation, params string[] arguments)
    {
        if (!IsAlreadyReported(operation)) Report(descriptor, operation.Syntax, arguments);
        foreach (var node in operation.DescendantsAndSelf())
        {
            switch (node)
            {
                case IDeclarationExpressionOperation declaration:
                    foreach (var declared in declaration.Expression.DescendantsAndSelf().OfType<ILocalReferenceOperation>()) _scope.RefusedLocals.Add(declared.Local);
                    break;
                case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol designated }:
                    _scope.RefusedLocals.Add(designated);
                    break;
            }
        }
        return Placeholder();
    }

    /// <summary>Whether <paramref name="operation"/> holds code the compiler rejects or reads a refused local.</summary>
    private bool IsAlreadyReported(IOperation operation)
    {
        foreach (var node in operation.DescendantsAndSelf())
        {
            if (node is IInvalidOperation || node.Type is IErrorTypeSymbol) return true;
            if (node is ILocalReferenceOperation local && _scope.RefusedLocals.Contains(local.Local)) return true;
        }
        return false;
    }

    // ---- Statements -------------------------------------------------------------------------------------------

    /// <summary>ADL0100: a statement the subset has no rule for (<c>using</c>, <c>lock</c>, <c>yield</c>, …), named by <paramref name="what"/>.</summary>
    private void RefuseStatement(IOperation statement, string what) =>
        Refuse(DiagnosticDescriptors.UnsupportedStatement, statement, what);

    /// <summary>ADL0100: an expression statement whose value is computed and thrown away (<c>Math.Sqrt(x[0]);</c>).</summary>
    private void RefuseDiscardedValue(IOperation expression) =>
        Refuse(DiagnosticDescriptors.DiscardedValue, expression, Short(expression.Syntax));

    /// <summary>ADL0104: <c>try</c>, <c>catch</c>, <c>finally</c> or <c>throw</c>.</summary>
    private Expr RefuseExceptionHandling(IOperation operation) =>
        Refuse(DiagnosticDescriptors.ExceptionHandling, operation, operation is IThrowOperation && operation.Syntax is ThrowExpressionSyntax ? "throw" : Keyword(operation.Syntax));

    /// <summary>ADL0105: <c>goto</c> or a label.</summary>
    private void RefuseGoto(IOperation operation) =>
        Refuse(DiagnosticDescriptors.GotoNotSupported, operation, Short(operation.Syntax));

    /// <summary>ADL0107: <c>unsafe</c>, <c>fixed</c>, pointers, <c>stackalloc</c> other than a local array's initializer.</summary>
    private Expr RefuseUnsafe(IOperation operation, string what) =>
        Refuse(DiagnosticDescriptors.UnsafeCode, operation, what);

    /// <summary>ADL0109: a local of a type the subset cannot hold. Its initializer is not looked into, and its uses report nothing.</summary>
    private void RefuseLocal(IVariableDeclaratorOperation declarator)
    {
        var local = declarator.Symbol;
        string hint = TupleElements(local.Type) is not null ? "; deconstruct a tuple into scalar locals instead: 'var (a, b) = …'" : "";
        if (local.Type is not IErrorTypeSymbol) Report(DiagnosticDescriptors.UnsupportedLocalType, declarator.Syntax, local.Name, TypeName(local.Type), hint);
        _scope.RefusedLocals.Add(local);
    }

    // ---- Expressions ------------------------------------------------------------------------------------------

    /// <summary>An expression none of the lowering's rules takes, refused by what it is.</summary>
    private Expr RefuseExpression(IOperation operation)
    {
        switch (operation)
        {
            case IAnonymousFunctionOperation or IDelegateCreationOperation:
                return Refuse(DiagnosticDescriptors.LambdaOrQuery, operation, "lambda or anonymous method '" + Short(operation.Syntax) + "'");
            case ITranslatedQueryOperation:
                return Refuse(DiagnosticDescriptors.LambdaOrQuery, operation, "LINQ query '" + Short(operation.Syntax) + "'");
            case IThrowOperation:
                return RefuseExceptionHandling(operation);
            case IAddressOfOperation or IFunctionPointerInvocationOperation:
                return RefuseUnsafe(operation, Short(operation.Syntax));
            case ISimpleAssignmentOperation or ICompoundAssignmentOperation or IIncrementOrDecrementOperation:
                return Refuse(DiagnosticDescriptors.UnsupportedExpression, operation, Short(operation.Syntax), "an assignment used as a value");
            case IIsPatternOperation or IIsTypeOperation:
                return Refuse(DiagnosticDescriptors.PatternTest, operation, Short(operation.Syntax));
            case IObjectCreationOperation or IAnonymousObjectCreationOperation or ITypeParameterObjectCreationOperation or IArrayCreationOperation or ICollectionExpressionOperation:
                return Refuse(DiagnosticDescriptors.ObjectCreation, operation, Short(operation.Syntax), TypeName(operation.Type));
        }
        if (operation.Syntax is StackAllocArrayCreationExpressionSyntax or PointerTypeSyntax || operation.Syntax.Parent is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PointerIndirectionExpression })
        {
            return RefuseUnsafe(operation, Short(operation.Syntax));
        }
        if (operation.Type?.SpecialType == SpecialType.System_String || operation is IInterpolatedStringOperation)
        {
            return Refuse(DiagnosticDescriptors.StringValue, operation, Short(operation.Syntax));
        }
        string what = operation is ITupleOperation ? "a tuple"
            : operation.Type is not null && MapType(operation.Type) is null
            ? "a value of type '" + TypeName(operation.Type) + "'"
            : "a " + Words(operation.Syntax.Kind().ToString());
        return Refuse(DiagnosticDescriptors.UnsupportedExpression, operation, Short(operation.Syntax), what);
    }

    /// <summary>ADL0101: an expression of a supported kind used in a way the subset has no rule for, described by <paramref name="what"/>.</summary>
    private Expr Unsupported(IOperation operation, string what) =>
        Refuse(DiagnosticDescriptors.UnsupportedExpression, operation, Short(operation.Syntax), what);

    /// <summary>
    /// Reports the innermost unsupported construct: lowers <paramref name="inner"/> for its own diagnostics and reports
    /// <paramref name="operation"/> only when the inner part was fine on its own.
    /// </summary>
    private Expr UnsupportedInner(IOperation inner, IOperation operation, string what)
    {
        int before = _diagnostics.Count;
        Value(inner);
        return _diagnostics.Count > before ? Placeholder() : Unsupported(operation, what);
    }

    /// <summary>A user-defined or otherwise unsupported operator (ADL0101).</summary>
    private Expr RefuseOperator(IOperation operation, IMethodSymbol? userDefined, string kind) =>
        Unsupported(operation, userDefined is not null
            ? "the user-defined operator of '" + TypeName(userDefined.ContainingType) + "'"
            : "the operator '" + kind + "'");

    /// <summary>
    /// A call the subset cannot differentiate, refused before its arguments are looked into, with the reason in its
    /// own id: LINQ or a lambda (ADL0108), <c>ref</c>/<c>out</c> arguments (ADL0115), a generic method (ADL0114),
    /// anything else (ADL0103, saying why).
    /// </summary>
    private Expr RefuseCall(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        var name = CallName(target);
        if (target.ContainingType?.ToDisplayString() is "System.Linq.Enumerable" or "System.Linq.Queryable" or "System.Linq.ParallelEnumerable"
            || invocation.Arguments.Any(a => WithoutImplicitConversions(a.Value) is ITranslatedQueryOperation))
        {
            return Refuse(DiagnosticDescriptors.LambdaOrQuery, invocation, "LINQ call '" + name + "'");
        }
        if (invocation.Arguments.FirstOrDefault(a => a.Parameter?.RefKind is RefKind.Ref or RefKind.Out or RefKind.RefReadOnlyParameter) is { } byReference)
        {
            return Refuse(DiagnosticDescriptors.ReferenceArgument, invocation, name, SourceText(byReference.Syntax));
        }
        if (target.IsGenericMethod) return Refuse(DiagnosticDescriptors.GenericCall, invocation, name);
        if (invocation.Arguments.Any(a => WithoutImplicitConversions(a.Value) is IAnonymousFunctionOperation or IDelegateCreationOperation))
        {
            return Refuse(DiagnosticDescriptors.LambdaOrQuery, invocation, "lambda passed to '" + name + "'");
        }
        return Refuse(DiagnosticDescriptors.UnsupportedCall, invocation, name, WhyNotDifferentiable(invocation));
    }

    /// <summary>Why a call that is not a supported Math function cannot be inlined or transformed as a helper.</summary>
    private static string WhyNotDifferentiable(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod.PartialImplementationPart ?? invocation.TargetMethod;
        if (target.ReturnsVoid) return "it returns void, and an objective's calls must return a value (logging, assertions and other side effects cannot run in derivative code)";
        if (target.MethodKind == MethodKind.DelegateInvoke) return "it invokes a delegate, whose code is not known at compile time";
        if (target.IsVirtual || target.IsAbstract || target.IsOverride) return "it is virtual, abstract or an override, so the code that runs is not known at compile time";
        if (TupleElements(target.ReturnType) is not null) return "it returns a tuple, which can only be deconstructed into locals at the call: 'var (a, b) = " + target.Name + "(…);'";
        if (MapType(target.ReturnType) is null) return "it returns '" + TypeName(target.ReturnType) + "', not double, float, int, long or bool";
        if (target.ReturnsByRef || target.ReturnsByRefReadonly) return "it returns by reference";
        if (target.Parameters.FirstOrDefault(p => MapType(p.Type) is null && ElementTypeOf(p.Type) is null) is { } parameter)
        {
            return "its parameter '" + parameter.Name + "' has type '" + TypeName(parameter.Type) + "'; helpers take scalars and one-dimensional spans or arrays of scalars";
        }
        if (!target.IsStatic && target.MethodKind != MethodKind.LocalFunction && invocation.Instance is not IInstanceReferenceOperation)
        {
            return "it is an instance method called on another object than the objective's own instance";
        }
        if (target.DeclaringSyntaxReferences.IsEmpty) return "its code is not in this compilation and it is not one of the supported Math functions";
        return "it is not an ordinary method or local function with a body";
    }

    /// <summary>A type as a C# programmer names it in a message: <c>List&lt;double&gt;</c>, without namespace or nullable annotation.</summary>
    private static string TypeName(ITypeSymbol? type) =>
        type is null ? "object" : type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary><c>SwitchStatement</c> → "switch statement": a syntax or operation kind in words.</summary>
    private static string Words(string pascalCase)
    {
        var text = new StringBuilder(pascalCase.Length + 4);
        foreach (char c in pascalCase)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append(' ');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
