namespace AutoDiffLbfgs.Numerics;

/// <summary>The inner products a fused sweep returns (at most four; unused ones are zero), in double precision.</summary>
internal struct DotSums
{
    public double S0, S1, S2, S3;

    /// <summary>Adds another chunk's sums, component by component (chunks are combined in chunk order).</summary>
    public void Add(in DotSums other)
    {
        S0 += other.S0;
        S1 += other.S1;
        S2 += other.S2;
        S3 += other.S3;
    }
}
