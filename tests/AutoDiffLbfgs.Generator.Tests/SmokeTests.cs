namespace AutoDiffLbfgs.Generator.Tests;

public class SmokeTests
{
    [Fact]
    public void GeneratorTypeLoads() => Assert.NotNull(typeof(ObjectiveGenerator));
}
