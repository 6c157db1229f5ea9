using AutoDiffLbfgs.Generator.Differentiation;
using AutoDiffLbfgs.Generator.Emit;
using AutoDiffLbfgs.Generator.Model;
using static AutoDiffLbfgs.Generator.Model.ExprBuilder;

namespace AutoDiffLbfgs.Generator.Tests.Passes;

/// <summary>
/// Each pass of the derivative pipeline on hand-built IR, against the contract its line in
/// <c>DerivativePipeline.cs</c> states. The IR is printed with the emitter's own printer, so an expectation reads as the
/// C# the pass leads to. These pin one pass at a time; the snapshot and finite-difference tests pin them together.
/// </summary>
public sealed class PassTests
{
    private const ScalarType D = ScalarType.Double;
    private static readonly Expr X0 = new VariableElementExpr(D, Literals.Integer(ScalarType.Int32, 0));
    private static readonly Expr X1 = new VariableElementExpr(D, Literals.Integer(ScalarType.Int32, 1));

    [Fact]
    public void CallHoisting_GivesACallWhoseDerivativeReusesItsValueALocal()
    {
        var body = Block(new ReturnStmt(Mul(Call(MathFunction.Exp, D, X0), X1)));
        Assert.Equal(
            """
            double exp = global::System.Math.Exp(x[0]);
            return exp * x[1];
            """,
            Print(CallHoisting.Run(body, Names())));
    }

    [Fact]
    public void CallHoisting_LeavesACallWhoseDerivativeDoesNotNeedItsValue()
    {
        var body = Block(new ReturnStmt(Mul(Call(MathFunction.Sin, D, X0), X1)));
        Assert.Equal("return global::System.Math.Sin(x[0]) * x[1];", Print(CallHoisting.Run(body, Names())));
    }

    [Fact]
    public void Structurizer_TurnsAnEarlyReturnIntoAFlagAndOneFinalReturn()
    {
        var body = Block(
            new IfStmt(Compare(BinaryOp.Greater, X0, Const(D, 1)), Block(new ReturnStmt(X1)), null),
            new ReturnStmt(X0));
        var printed = Print(Structurizer.Run(body, Names(), D));
        Assert.Single(printed.Split('\n'), l => l.TrimStart().StartsWith("return", StringComparison.Ordinal));
        Assert.Matches(@"return result\d*;$", printed);
        Assert.Contains("bool done", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void ReverseTransform_WritesTheValueThenTheAdjointsIntoTheGradient()
    {
        // return x[0] * x[1];  ⇒ ∂/∂x0 = x1, ∂/∂x1 = x0
        var (code, usesTape, _) = ReverseTransform.Run(Block(new ReturnStmt(Mul(X0, X1))), Names(), D, "gradient");
        Assert.False(usesTape);
        var printed = Print(code);
        Assert.Contains("gradient[0] += ", printed, StringComparison.Ordinal);
        Assert.Contains("gradient[1] += ", printed, StringComparison.Ordinal);
        Assert.EndsWith("return value;", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void ReverseTransform_ReturnsTheUsersLocalDirectlyWhenNothingAfterWritesIt()
    {
        var body = Block(new DeclareStmt("s", D, Mul(X0, X0)), new ReturnStmt(Local(D, "s")));
        var printed = Print(ReverseTransform.Run(body, Names("s"), D, "gradient").Body);
        Assert.DoesNotContain("double value", printed, StringComparison.Ordinal);
        Assert.EndsWith("return s;", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstantAdjoints_SubstitutesAConstantSeedAndTheLocalsItFolds()
    {
        var body = Block(
            new DeclareStmt("sBar", D, Const(D, 0)),
            new AccumulateStmt("sBar", false, Const(D, 1)),
            new DeclareStmt("d", D, Mul(Local(D, "sBar"), Const(D, 4))),
            new SpanAccumulateStmt("gradient", Literals.Integer(ScalarType.Int32, 0), false, Mul(Local(D, "d"), X1)));
        Assert.Equal("gradient[0] += 4.0 * x[1];", Print(ConstantAdjoints.Run(body)));
    }

    [Fact]
    public void ConstantAdjoints_LeavesAnAdjointThatIsWrittenAgain()
    {
        var body = Block(
            new DeclareStmt("sBar", D, Const(D, 0)),
            new AccumulateStmt("sBar", false, Const(D, 1)),
            new AccumulateStmt("sBar", false, X0),
            new SpanAccumulateStmt("gradient", Literals.Integer(ScalarType.Int32, 0), false, Local(D, "sBar")));
        Assert.Contains("sBar", Print(ConstantAdjoints.Run(body)), StringComparison.Ordinal);
    }

    [Fact]
    public void AccumulationMerging_MergesAdjacentAccumulationsIntoOneTarget()
    {
        var zero = Literals.Integer(ScalarType.Int32, 0);
        var body = Block(
            new SpanAccumulateStmt("gradient", zero, true, Local(D, "a")),
            new SpanAccumulateStmt("gradient", zero, true, Local(D, "b")));
        Assert.Equal("gradient[0] -= a + b;", Print(AccumulationMerging.Run(body)));
    }

    [Fact]
    public void AccumulationMerging_KeepsAnAddendThatReadsTheTarget()
    {
        var body = Block(
            new AccumulateStmt("uBar", false, Local(D, "a")),
            new AccumulateStmt("uBar", false, Mul(Local(D, "uBar"), Local(D, "b"))));
        Assert.Equal(2, Print(AccumulationMerging.Run(body)).Split('\n').Length);
    }

    [Fact]
    public void FirstAccumulations_FoldsAZeroAdjointIntoItsFirstAccumulation()
    {
        var body = Block(
            new DeclareStmt("dxBar", D, Const(D, 0)),
            new DeclareStmt("t", D, X0),
            new AccumulateStmt("dxBar", false, Mul(Local(D, "t"), X1)),
            new SpanAccumulateStmt("gradient", Literals.Integer(ScalarType.Int32, 0), false, Local(D, "dxBar")));
        Assert.Equal(
            """
            double t = x[0];
            double dxBar = t * x[1];
            gradient[0] += dxBar;
            """,
            Print(FirstAccumulations.Run(body)));
    }

    /// <summary>for (int i = 0; i &lt; n; i++) { g[2i] += x[2i + 1]; g[2i + 1] += x[2i]; }: each entry is written once per call.</summary>
    [Fact]
    public void GradientStores_StoresEntriesProvedWrittenOncePerCall()
    {
        var body = Block(CountingLoop(
            new SpanAccumulateStmt("gradient", Strided(2, 0), false, new VariableElementExpr(D, Strided(2, 1))),
            new SpanAccumulateStmt("gradient", Strided(2, 1), false, new VariableElementExpr(D, Strided(2, 0)))));
        var printed = Print(GradientStores.Run(body, "gradient", out _));
        Assert.Contains("gradient[2 * i] = x[2 * i + 1];", printed, StringComparison.Ordinal);
        Assert.Contains("gradient[2 * i + 1] = x[2 * i];", printed, StringComparison.Ordinal);
    }

    /// <summary>Two writes at the same offset may hit one entry twice: both stay accumulations.</summary>
    [Fact]
    public void GradientStores_AccumulatesWhereTwoWritesMayMeet()
    {
        var body = Block(CountingLoop(
            new SpanAccumulateStmt("gradient", Strided(2, 0), false, X0),
            new SpanAccumulateStmt("gradient", Strided(2, 0), false, X1)));
        var printed = Print(GradientStores.Run(body, "gradient", out _));
        Assert.DoesNotContain("] = ", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void InvariantAccumulations_SumsALoopInvariantEntryInALocal()
    {
        var i = Local(ScalarType.Int32, "i");
        var loop = new ForStmt(
            Block(new DeclareStmt("i", ScalarType.Int32, Literals.Integer(ScalarType.Int32, 0))),
            Compare(BinaryOp.Less, i, new VariablesLengthExpr()),
            Block(new AccumulateStmt("i", false, Literals.Integer(ScalarType.Int32, 1))),
            Block(new SpanAccumulateStmt("gradient", Literals.Integer(ScalarType.Int32, 0), false, new VariableElementExpr(D, i))));
        var printed = Print(InvariantAccumulations.Run(Block(loop), "gradient", Names("i")));
        Assert.Contains("gradientSum += x[i];", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("gradient[0] += x[i]", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void TangentTransform_DifferentiatesTheGradientCodeAlongTheDirection()
    {
        // gradient[0] = 2·x0 (f = x0²) ⇒ (H v)[0] = 2·v0
        var gradientCode = Block(
            new SpanAccumulateStmt("gradient", Literals.Integer(ScalarType.Int32, 0), false, Mul(Const(D, 2), X0)) { Store = true },
            new ReturnStmt(Mul(X0, X0)));
        var printed = Print(TangentTransform.Run(gradientCode, Names(), "gradient", "v", "result"));
        Assert.Contains("result[0] = 2.0 * v[0];", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void DeadCode_RemovesADeclarationNothingInItsScopeMentionsThoughASameNamedLocalIsReadElsewhere()
    {
        var body = Block(
            Block(new DeclareStmt("p", ScalarType.Int32, Literals.Integer(ScalarType.Int32, 0)), new SpanAccumulateStmt("gradient", Literals.Integer(ScalarType.Int32, 0), false, X0)),
            Block(new DeclareStmt("p", ScalarType.Int32, Literals.Integer(ScalarType.Int32, 3)), new SpanAccumulateStmt("gradient", Local(ScalarType.Int32, "p"), false, X1)));
        var printed = Print(DeadCode.Remove(body));
        Assert.DoesNotContain("int p = 0;", printed, StringComparison.Ordinal);
        Assert.Contains("int p = 3;", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void ScalarParameters_RewritesCodeOverTheVariablesIntoCodeOverTheHelpersParameters()
    {
        var code = Block(new SpanAccumulateStmt("gradient", Literals.Integer(ScalarType.Int32, 0), false, Mul(X0, Const(D, 3))) { Store = true });
        var scalars = new ScalarParameters(["z"], new Dictionary<string, IReadOnlyList<string>> { ["gradient"] = ["zBar"] });
        var printed = Print((BlockStmt)scalars.Rewrite(code));
        Assert.Contains("zBar", printed, StringComparison.Ordinal);
        Assert.Contains("z * 3.0", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("x[0]", printed, StringComparison.Ordinal);
    }

    /// <summary><c>a·i + b</c> over the counter <c>i</c> of <see cref="CountingLoop"/>.</summary>
    private static Expr Strided(long a, long b)
    {
        var scaled = new BinaryExpr(ScalarType.Int32, BinaryOp.Multiply, Literals.Integer(ScalarType.Int32, a), Local(ScalarType.Int32, "i"));
        return b == 0 ? scaled : new BinaryExpr(ScalarType.Int32, BinaryOp.Add, scaled, Literals.Integer(ScalarType.Int32, b));
    }

    /// <summary><c>for (int i = 0; i &lt; n; i++) { body }</c> with <c>n</c> data.</summary>
    private static ForStmt CountingLoop(params Stmt[] body) => new(
        Block(new DeclareStmt("i", ScalarType.Int32, Literals.Integer(ScalarType.Int32, 0))),
        Compare(BinaryOp.Less, Local(ScalarType.Int32, "i"), new DataExpr(ScalarType.Int32, "n")),
        Block(new AccumulateStmt("i", false, Literals.Integer(ScalarType.Int32, 1))),
        Block(body));

    private static BlockStmt Block(params Stmt[] statements) => new(statements.ToEquatableArray());

    private static NameAllocator Names(params string[] taken) => new(taken.Concat(["x", "gradient", "v", "result"]));

    /// <summary>The statements as the emitter prints them, without the braces of the outer block, lines trimmed.</summary>
    private static string Print(BlockStmt block)
    {
        var writer = new SourceWriter();
        new CodePrinter(writer, "x", "tape").Statements(block.Statements);
        return string.Join("\n", writer.ToString().TrimEnd('\n').Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith("//", StringComparison.Ordinal)));
    }
}
