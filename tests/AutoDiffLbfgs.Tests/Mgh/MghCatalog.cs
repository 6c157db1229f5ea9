using AutoDiffLbfgs.Tests.Mgh.Problems;

namespace AutoDiffLbfgs.Tests.Mgh;

/// <summary>The MGH problems the solver is measured on, at the sizes the reference runs used.</summary>
public static class MghCatalog
{
    /// <summary>Every case, in the paper's order (extended and chained problems last).</summary>
    public static IReadOnlyList<MghCase> All { get; } =
    [
        MghCase.Create("Rosenbrock", "ext_rosenbrock", new ExtendedRosenbrock(2), 0),
        MghCase.Create("Freudenstein–Roth", "freudenstein_roth", new FreudensteinRoth(), 0, 48.98425367924),
        MghCase.Create("Powell badly scaled", null, new PowellBadlyScaled(), 0),
        MghCase.Create("Brown badly scaled", "brown_badly_scaled", new BrownBadlyScaled(), 0),
        MghCase.Create("Beale", "beale", new Beale(), 0),
        MghCase.Create("Jennrich–Sampson", null, new JennrichSampson(), 124.362182355),
        MghCase.Create("Helical valley", "helical_valley", new HelicalValley(), 0),
        MghCase.Create("Bard", null, new Bard(), 8.21487730657e-3),
        MghCase.Create("Gaussian", null, new Gaussian(), 1.12793276961e-8),
        MghCase.Create("Meyer", null, new Meyer(), 87.9458551718),
        MghCase.Create("Gulf research", null, new GulfResearch(), 0),
        MghCase.Create("Box 3-D", null, new Box3D(), 0),
        MghCase.Create("Powell singular", "ext_powell_singular", new ExtendedPowellSingular(4), 0),
        MghCase.Create("Wood", "wood", new Wood(), 0),
        MghCase.Create("Kowalik–Osborne", null, new KowalikOsborne(), 3.07505603849e-4),
        MghCase.Create("Brown–Dennis", null, new BrownDennis(), 85822.2016263),
        MghCase.Create("Osborne 1", null, new Osborne1(), 5.46489469748e-5),
        MghCase.Create("Biggs EXP6", null, new BiggsExp6(), 0, 5.65565e-3),
        MghCase.Create("Osborne 2", null, new Osborne2(), 4.01377362935e-2),
        MghCase.Create("Watson", "watson", new Watson(6), 2.28767005355e-3),
        MghCase.Create("Watson", "watson", new Watson(9), 1.39976155e-6),
        MghCase.Create("Extended Rosenbrock", "ext_rosenbrock", new ExtendedRosenbrock(10), 0),
        MghCase.Create("Extended Rosenbrock", "ext_rosenbrock", new ExtendedRosenbrock(100), 0),
        MghCase.Create("Extended Rosenbrock", "ext_rosenbrock", new ExtendedRosenbrock(1000), 0),
        MghCase.Create("Extended Powell singular", "ext_powell_singular", new ExtendedPowellSingular(100), 0),
        MghCase.Create("Penalty I", "penalty_I", new PenaltyI(10), 7.08765146709e-5),
        MghCase.Create("Penalty II", null, new PenaltyII(10), 2.93660531e-4),
        MghCase.Create("Variably dimensioned", "variably_dimensioned", new VariablyDimensioned(10), 0),
        MghCase.Create("Trigonometric", "trigonometric", new Trigonometric(10), 0, 2.79506e-5),
        MghCase.Create("Discrete boundary value", null, new DiscreteBoundaryValue(10), 0),
        MghCase.Create("Discrete integral equation", null, new DiscreteIntegralEquation(10), 0),
        MghCase.Create("Broyden tridiagonal", null, new BroydenTridiagonal(10), 0),
        MghCase.Create("Broyden banded", null, new BroydenBanded(10), 0),
        MghCase.Create("Linear full rank (m = 20)", null, new LinearFullRank(10, 20), 10),
        MghCase.Create("Chained Rosenbrock", null, new ChainedRosenbrock(100), 0, 3.98662385),
    ];
}
