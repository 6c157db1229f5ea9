namespace AutoDiffLbfgs.Tests;

public class SmokeTests
{
    [Fact]
    public void ObjectiveAttributeTargetsMethodsOnly()
    {
        var usage = (AttributeUsageAttribute)Attribute.GetCustomAttribute(typeof(ObjectiveAttribute), typeof(AttributeUsageAttribute))!;
        Assert.Equal(AttributeTargets.Method, usage.ValidOn);
    }
}
